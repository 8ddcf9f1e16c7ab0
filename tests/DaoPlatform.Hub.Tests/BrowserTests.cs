using System.Numerics;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The hub in Chromium, each member with their own wallet.</summary>
public sealed class BrowserTests
{
    [Test]
    public async Task ProposalsShowStateTalliesQuorumAndYourVote()
    {
        BigInteger id = await Governance.ProposeTransferAsync("alice", HubFixture.AddressOf("dave"), 5, "Pay dave for the dataset\n\nFive wei from the treasury.");
        await Governance.AdvanceAsync(61);
        await Governance.VoteAsync("alice", id, 1, "dave's dataset is good");
        await Governance.VoteAsync("bob", id, 2, "");
        await Governance.AdvanceAsync(1);

        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync("/");
        await alice.ConnectAsync();
        ILocator card = alice.Page.GetByTestId("proposal-card").Filter(new() { HasText = "Pay dave for the dataset" });
        await Assertions.Expect(card.GetByTestId("you-voted")).ToHaveTextAsync("You voted For.");
        await Assertions.Expect(card).ToContainTextAsync("Active");
        await Assertions.Expect(card).ToContainTextAsync("Quorum: 200,000 DAOP of 40,000 DAOP (100 %)");
        await Screens.CheckAsync(alice.Page, "dao-proposals");

        await card.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pay dave for the dataset");
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("dave's dataset is good");
        await Assertions.Expect(alice.Page.GetByTestId("you-voted")).ToContainTextAsync("You voted For");
        await Screens.CheckAsync(alice.Page, "dao-proposal");
    }

    [Test]
    public async Task ARefusedConnectionChangesNothingAndSaysSo()
    {
        await using Member bob = await HubFixture.MemberAsync("bob");
        bob.Wallet.Refuse = true;
        await bob.OpenAsync("/");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Connect wallet" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("wallet-notice")).ToHaveTextAsync("You declined the connection in your wallet; nothing changed.");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Connect Test Wallet" })).ToBeVisibleAsync();
        Assert.That(bob.Wallet.Forwarded, Is.Empty, "nothing reached the chain");
        await Screens.CheckAsync(bob.Page, "wallet-refused");

        bob.Wallet.Refuse = false;
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Connect Test Wallet" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("wallet-notice")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task TheWrongChainIsRefusedWithTheSwitchOffered()
    {
        await using Member carol = await HubFixture.MemberAsync("carol", walletChainId: 1);
        await carol.OpenAsync("/");
        await carol.ConnectAsync();
        await Assertions.Expect(carol.Page.GetByTestId("wrong-chain")).ToHaveTextAsync(
            $"Your wallet is on chain 1; the platform is on chain {HubFixture.Deployment.ChainId}.");
        await Screens.CheckAsync(carol.Page, "wallet-wrong-chain");

        await carol.Page.GetByRole(AriaRole.Button, new() { Name = $"Switch to chain {HubFixture.Deployment.ChainId}" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("wrong-chain")).ToHaveCountAsync(0);
        Assert.That(carol.Wallet.ChainId, Is.EqualTo(HubFixture.Deployment.ChainId));
    }

    [Test]
    public async Task TheChainNodeDownShowsABannerNotAnErrorPage()
    {
        // A second hub over a port where no node listens, with the same deployment.
        await using HubProcess down = await HubProcess.StartAsync(new Uri($"http://127.0.0.1:{Devnet.FreePort()}"), HubFixture.DeploymentPath, HubFixture.NewFolder());
        await using Member dave = await HubFixture.MemberAsync("dave");
        await dave.Page.GotoAsync(down.Url.ToString());
        await Assertions.Expect(dave.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The chain node is not answering" })).ToBeVisibleAsync();
        await Assertions.Expect(dave.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Proposals");
        await Screens.CheckAsync(dave.Page, "chain-down");
    }

    [TestCase("/tasks", "Training tasks", "tasks")]
    [TestCase("/assets", "Models and datasets", "assets")]
    public async Task TheListPagesRender(string path, string heading, string screenshot)
    {
        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync(path);
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Screens.CheckAsync(alice.Page, screenshot);
    }
}
