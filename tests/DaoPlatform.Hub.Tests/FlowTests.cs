using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The issue's flows in Chromium, each member in their own browser context with their own wallet.</summary>
public sealed class FlowTests
{
    [Test]
    public async Task ProposeVoteWithARelayedBallotQueueAndExecute()
    {
        await using Member alice = await HubFixture.MemberAsync("alice");
        await using Member bob = await HubFixture.MemberAsync("bob");
        await using Member carol = await HubFixture.MemberAsync("carol");
        BigInteger daveBefore = await BalanceAsync(HubFixture.AddressOf("dave"));

        await alice.OpenAsync("/");
        await alice.ConnectAsync();
        await alice.Page.GetByLabel("Recipient address").FillAsync(HubFixture.AddressOf("dave").ToChecksumString());
        await alice.Page.GetByLabel("Amount (ETH)").FillAsync("0.5");
        await alice.Page.GetByLabel("Description (first line is the title)").FillAsync("Pay dave 0.5 ETH\n\nFor the labelled digits.");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("propose-outcome")).ToContainTextAsync("Done: propose \"Pay dave 0.5 ETH\"", new() { Timeout = 30_000 });
        await alice.Page.GetByRole(AriaRole.Link, new() { Name = "Pay dave 0.5 ETH" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("proposal-state")).ToHaveTextAsync("Pending");
        string path = new Uri(alice.Page.Url).AbsolutePath;
        string id = path.Split('/')[^1];
        await Governance.AdvanceAsync(61);

        // Bob signs a ballot (no gas); Carol relays it from her wallet.
        await bob.OpenAsync(path);
        await bob.ConnectAsync();
        await Assertions.Expect(bob.Page.GetByTestId("proposal-state")).ToHaveTextAsync("Active");
        BigInteger bobNonce = await GovernorNonceAsync(bob.Address);
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign a ballot for relaying (gasless)" }).ClickAsync();
        // The request's words read after "Signed:" as a sentence, as after "authorizes" in the CLI.
        await Assertions.Expect(bob.Page.GetByTestId("outcome")).ToHaveTextAsync(
            $"Signed: a ballot voting for proposal {id} as {bob.Address} (nonce {bobNonce}), for anyone to relay. Anyone can now relay it from this page.", new() { Timeout = 30_000 });
        await Assertions.Expect(bob.Page.GetByTestId("digest")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0x[0-9a-f]{64}$"));
        await Screens.CheckAsync(bob.Page, "dao-ballot-signed");
        Assert.That(bob.Wallet.Forwarded, Is.EqualTo((string[])["eth_signTypedData_v4"]), "bob only signed");

        await carol.OpenAsync(path);
        await carol.ConnectAsync();
        await carol.Page.GetByTestId("ballot").GetByRole(AriaRole.Button, new() { Name = "Relay (you pay the gas)" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("outcome")).ToContainTextAsync("Done: relay", new() { Timeout = 30_000 });

        await alice.OpenAsync(path);
        await alice.ConnectAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Vote for" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("outcome")).ToContainTextAsync("Done: vote for proposal", new() { Timeout = 30_000 });
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Votes (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Table)).ToContainTextAsync(HubFixture.AddressOf("bob").ToChecksumString());
        await Screens.CheckAsync(alice.Page, "dao-voted");

        await Governance.AdvanceAsync(601);
        await Assertions.Expect(carol.Page.GetByTestId("proposal-state")).ToHaveTextAsync("Succeeded");
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Queue" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("outcome")).ToContainTextAsync("Done: queue", new() { Timeout = 30_000 });
        await Assertions.Expect(carol.Page.GetByTestId("proposal-state")).ToHaveTextAsync("Queued");
        await Assertions.Expect(carol.Page.GetByTestId("timelock")).ToContainTextAsync("The timelock holds it for");
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeDisabledAsync();
        await Screens.CheckAsync(carol.Page, "dao-queued");

        await Governance.AdvanceAsync(301);
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeEnabledAsync();
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("outcome")).ToContainTextAsync("Done: execute the proposal: transfer 0.5 ETH from the treasury to", new() { Timeout = 30_000 });
        await Assertions.Expect(carol.Page.GetByTestId("proposal-state")).ToHaveTextAsync("Executed");
        await Assertions.Expect(carol.Page.GetByTestId("action")).ToContainTextAsync("transfer 0.5 ETH from the treasury to");
        await Screens.CheckAsync(carol.Page, "dao-executed");
        Assert.That(await BalanceAsync(HubFixture.AddressOf("dave")) - daveBefore, Is.EqualTo(BigInteger.Pow(10, 18) / 2));
    }

    [Test]
    public async Task ARefusedTransactionLeavesEverythingUnchangedAndSaysSo()
    {
        BigInteger id = await Governance.ProposeTransferAsync("carol", HubFixture.AddressOf("dave"), 7, "Refusal test");
        await Governance.AdvanceAsync(61);
        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.OpenAsync($"/proposals/{id}");
        await bob.ConnectAsync();
        bob.Wallet.Refuse = true;
        await bob.Page.GetByLabel("Against").CheckAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Vote against" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("outcome")).ToHaveTextAsync("You declined in your wallet; nothing was sent.");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "Votes (0)" })).ToBeVisibleAsync();
        await Assertions.Expect(bob.Page.GetByLabel("Against")).ToBeCheckedAsync();
        Assert.That(bob.Wallet.Forwarded, Is.Empty, "nothing reached the chain");
        await Screens.CheckAsync(bob.Page, "dao-refused");
    }

    [Test]
    public async Task AMalformedAddressOrAmountIsRefusedInlineAndWhatWasTypedStays()
    {
        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync("/");
        await alice.ConnectAsync();
        await alice.Page.GetByLabel("Recipient address").FillAsync("0x12345");
        await alice.Page.GetByLabel("Amount (ETH)").FillAsync("1.2.3");
        await alice.Page.GetByLabel("Description (first line is the title)").FillAsync("Typed with care");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("to-error")).ToContainTextAsync("Not an address");
        await Assertions.Expect(alice.Page.GetByTestId("amount-error")).ToContainTextAsync("Not an amount");
        await Assertions.Expect(alice.Page.GetByLabel("Recipient address")).ToHaveValueAsync("0x12345");
        await Assertions.Expect(alice.Page.GetByLabel("Description (first line is the title)")).ToHaveValueAsync("Typed with care");
        Assert.That(alice.Wallet.Forwarded, Is.Empty);
        await Screens.CheckAsync(alice.Page, "dao-bad-input");
    }

    [Test]
    public async Task VaultProposeTwoOwnersSignExecute()
    {
        await using Member alice = await HubFixture.MemberAsync("alice");
        await using Member bob = await HubFixture.MemberAsync("bob");
        await using Member carol = await HubFixture.MemberAsync("carol");
        BigInteger daveBefore = await BalanceAsync(HubFixture.AddressOf("dave"));

        await alice.OpenAsync("/vault");
        await alice.ConnectAsync();
        await alice.Page.GetByLabel("Recipient address").FillAsync(HubFixture.AddressOf("dave").ToChecksumString());
        await alice.Page.GetByLabel("Amount (ETH)").FillAsync("1");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Propose at nonce 0" }).ClickAsync();
        ILocator pending = alice.Page.GetByTestId("vault-pending");
        await Assertions.Expect(pending.GetByTestId("confirmations")).ToHaveTextAsync("0 of 2 signatures");
        await Assertions.Expect(pending.GetByTestId("needs-you")).ToBeVisibleAsync();
        // What the signature authorizes, in words before and after the wallet is asked.
        string approval = $"the approval of vault transaction 0: transfer 1 ETH from the vault to {HubFixture.AddressOf("dave")}";
        await Assertions.Expect(pending.GetByTestId("verify").Locator("p").First).ToHaveTextAsync($"You are about to sign: {approval}");
        await Screens.CheckAsync(alice.Page, "vault-needs-signature");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Sign" }).ClickAsync();
        await Assertions.Expect(pending.GetByTestId("confirmations")).ToHaveTextAsync("1 of 2 signatures", new() { Timeout = 30_000 });
        await Assertions.Expect(alice.Page.GetByTestId("vault-outcome")).ToHaveTextAsync($"Signed: {approval}.");
        await Screens.CheckAsync(alice.Page, "vault-signed");

        await bob.OpenAsync("/vault");
        await bob.ConnectAsync();
        await bob.Page.GetByTestId("vault-pending").GetByRole(AriaRole.Button, new() { Name = "Sign" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("confirmations")).ToHaveTextAsync("2 of 2 signatures — ready to execute", new() { Timeout = 30_000 });

        await carol.OpenAsync("/vault");
        await carol.ConnectAsync();
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("vault-outcome")).ToContainTextAsync("Done: execute with 2 approvals", new() { Timeout = 30_000 });
        await Assertions.Expect(carol.Page.GetByTestId("vault-executed")).ToHaveCountAsync(1);
        await Screens.CheckAsync(carol.Page, "vault-executed");
        Assert.That(await BalanceAsync(HubFixture.AddressOf("dave")) - daveBefore, Is.EqualTo(BigInteger.Pow(10, 18)));
    }

    [Test]
    public async Task TheDelegationPanelSaysWhatItSendsAndWhatWasDone()
    {
        await using Member dave = await HubFixture.MemberAsync("dave");
        await dave.OpenAsync("/");
        await dave.ConnectAsync();
        ILocator panel = dave.Page.Locator("section", new() { Has = dave.Page.GetByRole(AriaRole.Heading, new() { Name = "Your voting power" }) });
        string delegation = $"delegate your votes to {dave.Address}";
        await Assertions.Expect(panel.GetByTestId("verify").Locator("p").First).ToHaveTextAsync($"You are about to send: {delegation}");
        await Assertions.Expect(panel.GetByTestId("verify")).ToContainTextAsync("The same from the command line: daoplatform dao delegate");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Delegate to yourself" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("delegate-outcome")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex($"^Done: {delegation} \\(transaction 0x[0-9a-f]{{64}}, block \\d+\\)\\.$"), new() { Timeout = 30_000 });
        Assert.That(dave.Wallet.Forwarded, Is.EqualTo((string[])["eth_sendTransaction"]), "dave only sent the delegation");
        await Screens.CheckAsync(dave.Page, "dao-delegated");
    }

    private static async Task<BigInteger> GovernorNonceAsync(Ethereum.Primitives.Address account)
    {
        using var rpc = new JsonRpcClient(Devnet.Url);
        var governor = new DaoGovernor(HubFixture.Deployment.AddressOf(nameof(DaoGovernor)), new ContractConnection(new EthRpcClient(rpc)));
        return await governor.NoncesAsync(account);
    }

    private static async Task<BigInteger> BalanceAsync(Ethereum.Primitives.Address account)
    {
        using var rpc = new JsonRpcClient(Devnet.Url);
        return await new EthRpcClient(rpc).GetBalanceAsync(account, BlockTag.Latest);
    }
}
