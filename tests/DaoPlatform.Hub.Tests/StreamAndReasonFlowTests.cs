using System.Numerics;
using System.Text.RegularExpressions;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>A vote with its reason, and a stream's balance growing on screen then withdrawn, each member in their own browser context.</summary>
public sealed class StreamAndReasonFlowTests
{
    private static readonly BigInteger Token = BigInteger.Pow(10, 18);

    [Test]
    public async Task AMemberVotesWithAReasonThatOthersRead()
    {
        BigInteger id = await Governance.ProposeTransferAsync("carol", HubFixture.AddressOf("dave"), 11, "Reason test");
        await Governance.AdvanceAsync(61);
        string path = $"/proposals/{id}";
        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync(path);
        await alice.ConnectAsync();
        await alice.Page.GetByLabel("Against").CheckAsync();
        await alice.Page.GetByLabel("Reason (optional, kept on chain with your vote)").FillAsync("The dataset is already public.");
        await Assertions.Expect(alice.Page.GetByTestId("verify").First).ToContainTextAsync($"vote against proposal {id} because \"The dataset is already public.\"");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Vote against" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("outcome")).ToContainTextAsync($"Done: vote against proposal {id} because", new() { Timeout = 30_000 });

        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.OpenAsync(path);
        ILocator row = bob.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = alice.Address.ToChecksumString() });
        await Assertions.Expect(row).ToContainTextAsync("The dataset is already public.", new() { Timeout = 30_000 });
        // Weights carry thousands separators: alice holds 100,000 votes.
        await Assertions.Expect(row).ToContainTextAsync("100,000");
        await Screens.CheckAsync(bob.Page, "dao-vote-reason");
    }

    [Test]
    public async Task AStreamGrowsBySecondOnThePageAndItsRecipientWithdraws()
    {
        // The deployer streams 1 DAO token a second to alice for an hour.
        using ChainConnection deployer = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys["deployer"]));
        var token = new DaoToken(HubFixture.Deployment.AddressOf(nameof(DaoToken)), deployer.Contracts);
        var streams = new StreamVault(HubFixture.Deployment.AddressOf(nameof(StreamVault)), deployer.Contracts);
        await token.ApproveAsync(streams.Address, 3600 * Token);
        await streams.CreateAsync(token.Address, HubFixture.AddressOf("alice"), Token * Token, 3600);
        BigInteger before = await token.BalanceOfAsync(HubFixture.AddressOf("alice"));

        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync("/streams");
        await alice.ConnectAsync();
        ILocator stream = alice.Page.GetByTestId("stream").Filter(new() { HasText = HubFixture.AddressOf("deployer").ToChecksumString() });
        ILocator withdrawable = stream.GetByTestId("withdrawable");
        // Amounts in the token's own symbol and decimals, read from the token.
        await Assertions.Expect(stream.GetByTestId("token")).ToContainTextAsync("DAOP (18 decimals)");
        await Assertions.Expect(withdrawable).ToHaveTextAsync(new Regex("^[1-9][0-9.]* DAOP$"), new() { Timeout = 30_000 });
        static decimal Tokens(string? shown) => decimal.Parse((shown ?? "").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        decimal first = Tokens(await withdrawable.TextContentAsync());
        await Assertions.Expect(withdrawable).Not.ToHaveTextAsync(await withdrawable.TextContentAsync() ?? "", new() { Timeout = 5_000 });
        decimal later = Tokens(await withdrawable.TextContentAsync());
        Assert.That(later, Is.GreaterThan(first), "the balance grows with the seconds, without a reload");
        await Screens.CheckAsync(alice.Page, "streams");

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).First.ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("stream-outcome")).ToContainTextAsync("Done: withdraw", new() { Timeout = 30_000 });
        BigInteger gained = await token.BalanceOfAsync(HubFixture.AddressOf("alice")) - before;
        Assert.That(gained, Is.GreaterThanOrEqualTo(new BigInteger(first) * Token), "she got at least what the page showed before");
        // Once the index has the withdrawal, the page shows it withdrawn.
        await Assertions.Expect(alice.Page.GetByTestId("withdrawn").First).Not.ToHaveTextAsync("0 DAOP", new() { Timeout = 30_000 });
        await Screens.CheckAsync(alice.Page, "streams-withdrawn");

        // Bob is paid by no stream.
        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.OpenAsync("/streams");
        await bob.ConnectAsync();
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "Streams to you (0)" })).ToBeVisibleAsync();
    }
}
