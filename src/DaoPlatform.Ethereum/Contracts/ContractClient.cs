using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// The base of every generated binding: eth_call with output decoding, transactions through the connection's
/// sender, deployment, typed event decoding and log queries, and reverts mapped to typed exceptions.
/// </summary>
public abstract class ContractClient
{
    private readonly ContractDefinition _definition;

    /// <summary>Binds the contract at <paramref name="address"/>.</summary>
    protected ContractClient(Address address, ContractConnection connection, ContractDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(definition);
        Address = address;
        Connection = connection;
        _definition = definition;
    }

    /// <summary>The contract's address.</summary>
    public Address Address { get; }

    /// <summary>The node and sender the binding uses.</summary>
    public ContractConnection Connection { get; }

    /// <summary>Runs <paramref name="function"/> with eth_call and decodes its outputs; a revert throws its typed exception.</summary>
    /// <remarks>
    /// The connection's sender is the call's <c>from</c> (a view may read <c>msg.sender</c>, as
    /// <c>MultisigVault.checkSignatures</c> does). A view spends nothing, yet anvil in OP mode charges every call the L1
    /// data fee from the caller's balance (op-geth and reth charge an <c>eth_call</c> none) and refuses one from an
    /// account without ETH as "insufficient funds": such a refusal is read again with the caller's balance overridden
    /// (<see cref="ViewCallerBalance"/> wei, for that call only), so any account can read.
    /// </remarks>
    protected Task<AbiValues> CallFunctionAsync(AbiFunction function, object?[] arguments, ulong? blockNumber, CancellationToken cancellationToken) =>
        EthCallAsync(function, arguments, BigInteger.Zero, blockNumber, view: true, cancellationToken);

    /// <summary>
    /// Runs a state-changing <paramref name="function"/> with eth_call, as the sender would send it with
    /// <paramref name="value"/> wei, and decodes what it would return; a revert throws its typed exception.
    /// </summary>
    protected Task<AbiValues> SimulateFunctionAsync(AbiFunction function, object?[] arguments, BigInteger value, ulong? blockNumber, CancellationToken cancellationToken) =>
        EthCallAsync(function, arguments, value, blockNumber, view: false, cancellationToken);

    /// <summary>
    /// The balance (wei) a view's caller is given when the node refuses the call for lack of funds: more than a block's
    /// gas limit at any fee plus an L1 data fee, far less than 2^256.
    /// </summary>
    private static readonly BigInteger ViewCallerBalance = BigInteger.Pow(2, 128);

    /// <summary>Sends <paramref name="function"/> as a transaction and returns the receipt; a revert throws its typed exception.</summary>
    protected async Task<TransactionReceipt> SendFunctionAsync(AbiFunction function, object?[] arguments, BigInteger value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var sender = Connection.RequireSender($"send {_definition.ContractName}.{function.Signature}");
        var data = function.EncodeCall(arguments);
        return await SendAsync(_definition, sender, Address, data, value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deploys <paramref name="bytecode"/> with the ABI-encoded constructor <paramref name="arguments"/> and returns
    /// the new contract's address. Bytecode that still needs libraries linked is refused.
    /// </summary>
    protected static async Task<Address> DeployContractAsync(
        ContractConnection connection, ContractDefinition definition, string bytecode, object?[] arguments, BigInteger value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(bytecode);
        if (definition.UnlinkedLibraries.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot deploy {definition.ContractName}: its bytecode needs the libraries {string.Join(", ", definition.UnlinkedLibraries)} linked first.");
        }

        var sender = connection.RequireSender($"deploy {definition.ContractName}");
        var constructor = definition.Abi.Constructor ?? new AbiConstructor([]);
        var data = constructor.EncodeDeployment(HexConvert.Decode(bytecode), arguments);
        var receipt = await SendAsync(definition, sender, null, data, value, cancellationToken).ConfigureAwait(false);
        return receipt.ContractAddress
            ?? throw new InvalidOperationException($"The deployment of {definition.ContractName} (transaction {receipt.TransactionHash}) has no contract address in its receipt.");
    }

    /// <summary>The <typeparamref name="TEvent"/> events this contract emitted in <paramref name="receipt"/>.</summary>
    protected IReadOnlyList<TEvent> DecodeEvents<TEvent>(TransactionReceipt receipt)
        where TEvent : IEventRecord<TEvent>
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return ReceiptEvents.DecodeLogs<TEvent>(receipt.Logs, Address);
    }

    /// <summary>
    /// Queries this contract's <typeparamref name="TEvent"/> logs in [<paramref name="fromBlock"/>, <paramref name="toBlock"/>]
    /// whose indexed arguments equal <paramref name="indexedFilter"/> (null matches any).
    /// </summary>
    protected async Task<IReadOnlyList<EventLog<TEvent>>> QueryEventsAsync<TEvent>(object?[] indexedFilter, ulong fromBlock, ulong? toBlock, CancellationToken cancellationToken)
        where TEvent : IEventRecord<TEvent>
    {
        var topics = TEvent.Descriptor.BuildTopicFilter(indexedFilter);
        var filter = new LogFilter
        {
            Addresses = [Address],
            Topics = topics.Select(t => t is null ? null : (IReadOnlyList<byte[]>)[t]).ToList(),
            FromBlock = BlockTag.Number(fromBlock),
            ToBlock = toBlock is { } to ? BlockTag.Number(to) : BlockTag.Latest,
        };
        var logs = await Connection.Rpc.GetLogsAsync(filter, cancellationToken).ConfigureAwait(false);
        var result = new List<EventLog<TEvent>>(logs.Count);
        foreach (var log in logs)
        {
            result.Add(new EventLog<TEvent>(ReceiptEvents.DecodeLog<TEvent>(log), log));
        }

        return result;
    }

    private async Task<AbiValues> EthCallAsync(AbiFunction function, object?[] arguments, BigInteger value, ulong? blockNumber, bool view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var request = new CallRequest { From = Connection.Sender?.Address, To = Address, Data = function.EncodeCall(arguments), Value = value.IsZero ? null : value };
        BlockTag block = blockNumber is { } number ? BlockTag.Number(number) : BlockTag.Latest;
        byte[] output;
        try
        {
            try
            {
                output = await Connection.Rpc.CallAsync(request, block, cancellationToken).ConfigureAwait(false);
            }
            catch (InsufficientFundsException) when (view && request.From is { } caller)
            {
                var funded = new Dictionary<Address, BigInteger> { [caller] = ViewCallerBalance };
                output = await Connection.Rpc.CallAsync(request, block, funded, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ExecutionRevertedException e)
        {
            throw _definition.CreateRevertException(e.RevertData, e);
        }

        if (output.Length == 0 && function.Outputs.Count > 0)
        {
            throw new InvalidOperationException($"eth_call of {_definition.ContractName}.{function.Signature} at {Address} returned no data: no contract is deployed there (at that block).");
        }

        return function.DecodeOutput(output);
    }

    private static async Task<TransactionReceipt> SendAsync(
        ContractDefinition definition, TransactionSender sender, Address? to, byte[] data, BigInteger value, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAndWaitAsync(new TransactionRequest { To = to, Data = data, Value = value }, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRevertedException e)
        {
            // Gas estimation already reverted: nothing was sent.
            throw definition.CreateRevertException(e.RevertData, e);
        }
        catch (TransactionRevertedException e)
        {
            // Mined and failed: the sender replayed it; decode its data with this contract's errors.
            throw definition.CreateRevertException(e.Revert?.Data ?? [], e);
        }
    }
}
