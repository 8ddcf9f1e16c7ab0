using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The proposal form's typed actions with the protocol's pre-check: what would fail at execution is refused at proposal.</summary>
public sealed class ProposalActionFlowTests
{
    [Test]
    public async Task TypedActionsAreProposedOnlyWhenThePreCheckPasses()
    {
        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.OpenAsync("/");
        await alice.ConnectAsync();
        IPage page = alice.Page;

        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Set the challenge window" });
        await page.GetByLabel("Challenge window (e.g. 36h, 2d)").FillAsync("1h");
        await page.GetByLabel("Description (first line is the title)").FillAsync("A shorter challenge window");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("precheck-error")).ToContainTextAsync("would revert when the timelock executes it: ChallengeWindowOutOfRange", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByLabel("Challenge window (e.g. 36h, 2d)")).ToHaveValueAsync("1h");
        Assert.That(alice.Wallet.Forwarded, Is.Empty, "nothing was asked of the wallet");
        await Screens.CheckAsync(page, "dao-precheck-refused");

        await page.GetByLabel("Challenge window (e.g. 36h, 2d)").FillAsync("2d");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("propose-outcome")).ToContainTextAsync("Done: propose \"A shorter challenge window\"", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("precheck-error")).ToHaveCountAsync(0);

        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Fund the task committee's vault" });
        await page.GetByLabel("Amount (ETH)").FillAsync("1000");
        await page.GetByLabel("Description (first line is the title)").FillAsync("Fund the digits task");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("precheck-error")).ToContainTextAsync("but the treasury", new() { Timeout = 30_000 });
        await page.GetByLabel("Amount (ETH)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("propose-outcome")).ToContainTextAsync("Done: propose \"Fund the digits task\"", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Fund the digits task" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("action")).ToContainTextAsync("2 ETH", new() { Timeout = 30_000 });
        await Screens.CheckAsync(page, "dao-proposal-fund-committee");
    }
}
