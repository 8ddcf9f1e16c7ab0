using DaoPlatform.Services;
using DaoPlatform.Services.Roles.Relayer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests;

/// <summary>The relayer's settings are checked at start: the governor and the inbox are required with the role, and only then.</summary>
public sealed class RelayerOptionsTests
{
    [Test]
    public void The_relayer_role_without_a_governor_is_refused_naming_the_setting()
    {
        using ServiceProvider provider = Node(roles: "Relayer", governor: null, inbox: "/tmp/ballots");
        var e = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<NodeOptions>>().Value);
        Assert.That(e!.Message, Does.Contain("Node:Governor"));
    }

    [Test]
    public void The_relayer_role_without_an_inbox_is_refused_naming_the_setting()
    {
        using ServiceProvider provider = Node(roles: "Relayer", governor: "0x0000000000000000000000000000000000000003", inbox: null);
        var e = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<RelayerOptions>>().Value);
        Assert.That(e!.Message, Does.Contain("Relayer:Inbox"));
    }

    [Test]
    public void Other_roles_need_neither()
    {
        using ServiceProvider provider = Node(roles: "Auditor", governor: null, inbox: null);
        Assert.That(provider.GetRequiredService<IOptions<NodeOptions>>().Value.Governor, Is.Null);
        Assert.That(provider.GetRequiredService<IOptions<RelayerOptions>>().Value.DailyGasBudget, Is.EqualTo(5_000_000UL));
    }

    private static ServiceProvider Node(string roles, string? governor, string? inbox)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Node:Roles"] = roles,
                ["Node:RpcUrl"] = "http://127.0.0.1:1",
                ["Node:ChainId"] = "10",
                ["Node:TrainingTasks"] = "0x0000000000000000000000000000000000000001",
                ["Node:Verifier"] = "0x0000000000000000000000000000000000000002",
                ["Node:Governor"] = governor,
                ["Relayer:Inbox"] = inbox,
            })
            .Build();
        return new ServiceCollection().AddDaoPlatformNode(configuration).BuildServiceProvider();
    }
}
