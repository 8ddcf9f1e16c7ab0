using System.Globalization;
using System.Numerics;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Tests;

public sealed class UnitsAndSettingsTests
{
    [TestCase("1.5", "1500000000000000000")]
    [TestCase("1.5eth", "1500000000000000000")]
    [TestCase("20gwei", "20000000000")]
    [TestCase("1000wei", "1000")]
    [TestCase("200_000", "200000000000000000000000")]
    [TestCase("0.000000000000000001", "1")]
    public void Amounts_parse_exactly(string text, string wei) =>
        Assert.That(EtherAmount.Parse(text), Is.EqualTo(BigInteger.Parse(wei, CultureInfo.InvariantCulture)));

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("1.2.3")]
    [TestCase("abc")]
    [TestCase("0.0000000000000000001")]
    [TestCase("1.5gwei0")]
    public void Malformed_amounts_name_the_text(string text)
    {
        var e = Assert.Throws<PlatformException>(() => EtherAmount.Parse(text));
        Assert.That(e!.Message, Does.Contain($"'{text}'"));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Formatting_and_parsing_amounts_round_trip(ulong whole, ushort fraction)
    {
        BigInteger wei = whole * EtherAmount.OneUnit + fraction;
        return EtherAmount.Parse(EtherAmount.Format(wei)) == wei;
    }

    [TestCase("90s", 90UL)]
    [TestCase("10m", 600UL)]
    [TestCase("2h", 7200UL)]
    [TestCase("7d", 604800UL)]
    [TestCase("1h30m", 5400UL)]
    [TestCase("45", 45UL)]
    public void Durations_parse(string text, ulong seconds)
    {
        Assert.That(Duration.ParseSeconds(text), Is.EqualTo(seconds));
        Assert.That(Duration.ParseSeconds(Duration.Format(seconds)), Is.EqualTo(seconds));
    }

    [TestCase("h")]
    [TestCase("10x")]
    [TestCase("1h30")]
    [TestCase("")]
    public void Malformed_durations_are_rejected(string text) =>
        Assert.Throws<PlatformException>(() => Duration.ParseSeconds(text));

    [Test]
    public void Public_networks_refuse_deployer_control_unless_configured()
    {
        var deployer = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var e = Assert.Throws<PlatformException>(() => new DeploymentParameters().ResolveFor(deployer, publicNetwork: true));
        Assert.That(e!.Kind, Is.EqualTo(PlatformErrorKind.Refused));
        Assert.That(e.Message, Does.Contain("token recipient").And.Contain("vault owners"));
        var explicitly = new DeploymentParameters { TokenRecipient = deployer, VaultOwners = [deployer] }.ResolveFor(deployer, publicNetwork: true);
        Assert.That(explicitly.VaultOwners, Is.EqualTo(new[] { deployer }));
        Assert.That(new DeploymentParameters().ResolveFor(deployer, publicNetwork: false).TokenRecipient, Is.EqualTo(deployer));
    }

    [Test]
    public void Settings_take_flags_over_environment_over_the_config_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "daoplatform-settings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string config = Path.Combine(folder, "config.json");
            File.WriteAllText(config, """{ "rpcUrl": "http://127.0.0.1:1001", "chainId": 11155420, "account": "from-config", "network": "op-sepolia" }""");
            var variables = new Dictionary<string, string?> { ["DAOPLATFORM_CONFIG"] = config, ["HOME"] = folder };
            CliSettings Resolve(params string[] args)
            {
                var environment = new CliEnvironment(TextWriter.Null, TextWriter.Null, TextReader.Null, variables, folder);
                var app = new CliApp(environment);
                return CliSettings.Resolve(app.BuildRoot().Parse(args), app.Globals, environment);
            }

            var fromConfig = Resolve("account", "list");
            Assert.That(fromConfig.RpcUrl, Is.EqualTo(new Uri("http://127.0.0.1:1001")));
            Assert.That(fromConfig.ChainId, Is.EqualTo(11155420UL));
            Assert.That(fromConfig.Account, Is.EqualTo("from-config"));
            Assert.That(fromConfig.Network.IsPublic, Is.True);
            Assert.That(fromConfig.DeploymentPath, Does.EndWith(Path.Combine("deployments", "op-sepolia.json")));

            variables["DAOPLATFORM_RPC_URL"] = "http://127.0.0.1:1002";
            variables["DAOPLATFORM_ACCOUNT"] = "from-env";
            Assert.That(Resolve("account", "list").RpcUrl, Is.EqualTo(new Uri("http://127.0.0.1:1002")));
            Assert.That(Resolve("account", "list").Account, Is.EqualTo("from-env"));

            var fromFlags = Resolve("--rpc-url", "http://127.0.0.1:1003", "--account", "from-flag", "--chain-id", "10", "account", "list");
            Assert.That(fromFlags.RpcUrl, Is.EqualTo(new Uri("http://127.0.0.1:1003")));
            Assert.That(fromFlags.Account, Is.EqualTo("from-flag"));
            Assert.That(fromFlags.ChainId, Is.EqualTo(10UL));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void There_is_no_flag_for_a_password_or_a_key()
    {
        var app = new CliApp(new CliEnvironment(TextWriter.Null, TextWriter.Null, TextReader.Null, new Dictionary<string, string?>(), "."));
        var names = new List<string>();
        void Walk(System.CommandLine.Command command)
        {
            names.AddRange(command.Options.Select(o => o.Name));
            foreach (var sub in command.Subcommands)
            {
                Walk(sub);
            }
        }
        Walk(app.BuildRoot());
        Assert.That(names, Has.None.EqualTo("--password").And.None.EqualTo("--private-key").And.None.EqualTo("--key"));
    }
}
