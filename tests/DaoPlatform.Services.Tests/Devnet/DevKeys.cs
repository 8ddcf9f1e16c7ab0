using DaoPlatform.Ethereum.Signing;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>Anvil's dev accounts (mnemonic "test test ... junk"), by the part they play in the tests.</summary>
internal static class DevKeys
{
    private static readonly string[] Keys =
    [
        Devnet.Account0Key,
        Devnet.Account1Key,
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
        "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
        "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
        "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
        "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
    ];

    public static string Deployer => Keys[0];
    public static string Submitter => Keys[1];
    public static string TrainerA => Keys[2];
    public static string TrainerB => Keys[3];
    public static string Evaluator => Keys[4];
    public static string Auditor => Keys[5];
    public static string Finalizer => Keys[6];
    public static string Mallory => Keys[7];
    public static string SecondEvaluator => Keys[8];
    public static string Treasury => Keys[9];

    public static EthereumKey Key(string hex) => EthereumKey.FromHex(hex);
}
