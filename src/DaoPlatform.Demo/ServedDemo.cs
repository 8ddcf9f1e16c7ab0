namespace DaoPlatform.Demo;

/// <summary>
/// The demo's hub while it serves, for <see cref="DemoOptions.WhileServing"/>: its URL (the content service's endpoints
/// <c>auth/nonce</c>, <c>auth/sign-in</c>, <c>assets/{id}/content</c> beside the pages), the demo's command runner on
/// the same devnet and data directory (to buy a pass as one of the story's accounts), and dora's published dataset.
/// </summary>
public sealed record ServedDemo(Uri Hub, CliRunner Cli, PublishedDataset Dataset);
