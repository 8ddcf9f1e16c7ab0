using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>Every page a test shows is saved as a screenshot and checked with axe: no serious or critical violation.</summary>
internal static class Screens
{
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(HubFixture.Screenshots, name + ".png"), FullPage = true });
        AxeResult result = await page.RunAxe();
        string[] bad = [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")];
        Assert.That(bad, Is.Empty, $"axe on {name}");
    }
}
