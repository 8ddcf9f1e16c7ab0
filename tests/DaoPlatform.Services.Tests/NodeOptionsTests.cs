using DaoPlatform.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests;

public sealed class NodeOptionsTests
{
    [Test]
    public void Roles_bind_from_a_comma_separated_list()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Node:Roles"] = "Evaluator, Auditor",
                ["Node:RpcUrl"] = "http://127.0.0.1:1",
                ["Node:ChainId"] = "10",
                ["Node:TrainingTasks"] = "0x0000000000000000000000000000000000000001",
                ["Node:Verifier"] = "0x0000000000000000000000000000000000000002",
            })
            .Build();
        using ServiceProvider provider = new ServiceCollection().AddDaoPlatformNode(configuration).BuildServiceProvider();

        NodeOptions options = provider.GetRequiredService<IOptions<NodeOptions>>().Value;

        Assert.That(options.Roles, Is.EqualTo(NodeRoles.Evaluator | NodeRoles.Auditor));
    }
}
