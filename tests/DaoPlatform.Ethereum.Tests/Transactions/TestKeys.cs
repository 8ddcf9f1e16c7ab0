using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Transactions;

internal static class TestKeys
{
    /// <summary>The EIP-155 example's private key; address 0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F.</summary>
    public static readonly EthereumKey Eip155 = EthereumKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
}
