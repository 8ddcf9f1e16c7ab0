using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>A client of the devnet and a sender for one dev key; dispose after the test.</summary>
internal sealed class DevnetSession : IDisposable
{
    public DevnetSession(string privateKey, TransactionSenderOptions? options = null, JsonRpcClient? rpc = null)
    {
        Eth = new EthRpcClient(rpc ?? new JsonRpcClient(Devnet.Url));
        Nonces = new NonceTracker(Eth);
        Key = EthereumKey.FromHex(privateKey);
        Sender = new TransactionSender(Eth, Key, chainId: 10, Nonces, options);
    }

    public EthRpcClient Eth { get; }

    public NonceTracker Nonces { get; }

    public EthereumKey Key { get; }

    public TransactionSender Sender { get; }

    public void Dispose()
    {
        Nonces.Dispose();
        Eth.Rpc.Dispose();
    }
}
