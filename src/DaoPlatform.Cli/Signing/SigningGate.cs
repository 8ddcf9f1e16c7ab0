using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Transactions;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Cli.Signing;

/// <summary>A dry run reached the first transaction it would send: what the simulation showed, and nothing sent.</summary>
public sealed class DryRunStoppedException(JsonObject report, string text) : Exception("dry run: nothing was sent")
{
    /// <summary>The simulated transaction, its outcome and events, as JSON.</summary>
    public JsonObject Report { get; } = report;

    /// <summary>The same in words.</summary>
    public string Text { get; } = text;
}

/// <summary>
/// The last step before a transaction leaves: it shows what the signature authorizes (the move's summary and its step
/// in a multi-transaction plan, recipient, value in ETH, the decoded call, gas × fee plus OP's L1 data fee, and how far
/// fee bumps may raise the fee), then sends it, asks on a terminal when it moves value, refuses without <c>--yes</c>
/// when standard input is not a terminal, or with <c>--dry-run</c> simulates it, shows the plan of every transaction
/// the action would send, and stops.
/// </summary>
internal sealed class SigningGate(CommandContext context, EthRpcClient eth) : IMoveObserver
{
    private IReadOnlyList<Move> _plan = [];
    private int _step;

    /// <summary>OP's GasPriceOracle predeploy (OP-stack specs, "Predeploys").</summary>
    public static readonly Address GasPriceOracle = Address.Parse("0x420000000000000000000000000000000000000F");

    private static readonly byte[] s_getL1Fee = Keccak256.Hash("getL1Fee(bytes)"u8)[..4];

    /// <summary>The contract names of the deployment, to show next to addresses.</summary>
    public IReadOnlyDictionary<Address, string> Names { get; set; } = new Dictionary<Address, string>();

    /// <inheritdoc/>
    public void Sending(IReadOnlyList<Move> plan, int index)
    {
        _plan = plan;
        _step = index;
    }

    /// <summary>Shows <paramref name="signed"/>, then lets it go, asks, refuses or simulates it.</summary>
    public async Task CheckAsync(SignedTransaction signed, CancellationToken cancellationToken)
    {
        Transaction tx = signed.Transaction;
        // The move the sender announced, when this transaction is it (a contract creation is no move).
        Move? move = _step < _plan.Count && _plan[_step] is var m && m.To == tx.To && m.Data.AsSpan().SequenceEqual(tx.Data.Span) && m.Value == tx.Value ? m : null;
        BigInteger maxFee = tx is DynamicFeeTransaction d ? d.MaxFeePerGas : BigInteger.Zero;
        BigInteger l1Fee = await L1FeeAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
        BigInteger gasCost = tx.GasLimit * maxFee;
        var token = await new TokenInfoReader(new Ethereum.Contracts.ContractConnection(eth)).ForCallAsync(tx.To, tx.Data, cancellationToken).ConfigureAwait(false);
        var call = CallDecoder.Describe(tx.Data.Span, Names, token);
        var shown = new JsonObject
        {
            ["from"] = signed.From.ToString(),
            ["to"] = tx.To?.ToString(),
            ["value"] = Output.Number(tx.Value),
            ["call"] = call.Json,
            ["gasLimit"] = Output.Number(tx.GasLimit),
            ["maxFeePerGas"] = Output.Number(maxFee),
            ["l1DataFee"] = Output.Number(l1Fee),
            ["maxCost"] = Output.Number(tx.Value + gasCost + l1Fee),
        };
        var lines = new List<string> { $"about to sign a transaction on chain {context.Settings.ChainId} from {signed.From}:" };
        if (move is not null)
        {
            shown["summary"] = move.Summary;
            lines.Add($"  what      {move.Summary}");
            if (_plan.Count > 1)
            {
                shown["step"] = _step + 1;
                shown["steps"] = _plan.Count;
                lines.Add($"  step      {_step + 1} of {_plan.Count}");
            }
        }
        lines.Add($"  to        {tx.To}{NameOf(tx.To)}");
        lines.Add($"  value     {EtherAmount.Format(tx.Value)} ETH");
        lines.AddRange(call.Lines.Select(l => "  " + l));
        lines.Add($"  gas       at most {tx.GasLimit.ToString("N0", CultureInfo.InvariantCulture)} gas x {Gwei(maxFee)} gwei = {EtherAmount.Format(gasCost)} ETH");
        lines.Add($"  L1 fee    {EtherAmount.Format(l1Fee)} ETH (OP data fee, GasPriceOracle.getL1Fee)");
        lines.Add($"  max cost  {EtherAmount.Format(tx.Value + gasCost + l1Fee)} ETH (value + gas + L1 fee)");
        if (move is not null)
        {
            // The manager resubmits an unmined transaction with higher fees, never above the cap: the most it can cost.
            TransactionManagerOptions sending = context.Settings.Sending;
            BigInteger cappedGas = tx.GasLimit * BigInteger.Max(maxFee, sending.MaxFeePerGasCap);
            shown["maxFeePerGasCap"] = Output.Number(sending.MaxFeePerGasCap);
            lines.Add($"  if stuck  resubmitted after {sending.ResubmissionTimeout.TotalSeconds:0} s with fees +{sending.FeeBumpPercent} %, never above {Gwei(sending.MaxFeePerGasCap)} gwei " +
                $"(at most {EtherAmount.Format(cappedGas)} ETH of gas); done after {sending.Confirmations} confirmation(s)");
        }
        Show(context, shown, lines);

        if (context.Settings.DryRun)
        {
            throw await SimulateAsync(signed, shown, cancellationToken).ConfigureAwait(false);
        }
        bool movesTokens = call.Json?["function"]?.GetValue<string>() is "transfer(address,uint256)" or "transferFrom(address,address,uint256)" or "approve(address,uint256)";
        if ((tx.Value.IsZero && !movesTokens) || context.Settings.Yes)
        {
            return;
        }
        string what = tx.Value.IsZero
            ? $"this transaction moves or approves tokens ({call.Json!["function"]}; max cost {EtherAmount.Format(gasCost + l1Fee)} ETH)"
            : $"this transaction sends {EtherAmount.Format(tx.Value)} ETH (max cost {EtherAmount.Format(tx.Value + gasCost + l1Fee)} ETH)";
        if (!context.Environment.InputIsTerminal)
        {
            throw PlatformException.Refused($"{what}; standard input is not a terminal, so nothing was sent: pass --yes to confirm it in a script");
        }
        context.Environment.Error.Write($"{what}. Send it? [y/N] ");
        string? answer = context.Environment.In.ReadLine();
        if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
        {
            throw PlatformException.Refused("not sent: you declined the transaction");
        }
    }

    /// <summary>
    /// Shows what is about to be signed: the lines on standard output, or with --json one <c>{"signing": …}</c> line
    /// on standard error (standard output keeps the one result object).
    /// </summary>
    public static void Show(CommandContext context, JsonObject json, IEnumerable<string> lines)
    {
        if (context.Settings.Json)
        {
            context.Environment.Error.WriteLine(new JsonObject { ["signing"] = json.DeepClone() }.ToJsonString(Output.OneLine));
        }
        else
        {
            foreach (string line in lines)
            {
                context.Environment.Out.WriteLine(line);
            }
        }
    }

    private string NameOf(Address? address) => address is { } a && Names.TryGetValue(a, out string? name) ? $" ({name})" : "";

    private static string Gwei(BigInteger wei) =>
        (wei / 1_000_000_000).ToString(CultureInfo.InvariantCulture) + (wei % 1_000_000_000 is var r && r.IsZero ? "" : "." + r.ToString(CultureInfo.InvariantCulture).PadLeft(9, '0').TrimEnd('0'));

    /// <summary>OP's L1 data fee of the signed bytes, or zero where the chain has no GasPriceOracle.</summary>
    private async Task<BigInteger> L1FeeAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        if ((await eth.GetCodeAsync(GasPriceOracle, BlockTag.Latest, cancellationToken).ConfigureAwait(false)).Length == 0)
        {
            return BigInteger.Zero;
        }
        // getL1Fee(bytes): selector, offset 32, length, the bytes padded to a word.
        int padded = (raw.Length + 31) / 32 * 32;
        byte[] data = new byte[4 + 64 + padded];
        s_getL1Fee.CopyTo(data, 0);
        data[35] = 32;
        WriteLength(data.AsSpan(36, 32), raw.Length);
        raw.Span.CopyTo(data.AsSpan(68));
        byte[] result = await eth.CallAsync(new CallRequest { To = GasPriceOracle, Data = data }, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        return result.Length >= 32 ? new BigInteger(result.AsSpan(0, 32), isUnsigned: true, isBigEndian: true) : BigInteger.Zero;
    }

    private static void WriteLength(Span<byte> word, int length)
    {
        word.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(word[28..], length);
    }

    /// <summary>eth_call on pending from the sender, and the events from debug_traceCall where the node offers it.</summary>
    private async Task<DryRunStoppedException> SimulateAsync(SignedTransaction signed, JsonObject shown, CancellationToken cancellationToken)
    {
        Transaction tx = signed.Transaction;
        var request = new CallRequest { From = signed.From, To = tx.To, Data = tx.Data.ToArray(), Value = tx.Value, Gas = tx.GasLimit };
        // The gas estimate already ran this call on pending: reaching here means it would succeed; the call shows what it returns.
        byte[] returned = await eth.CallAsync(request, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
        var report = new JsonObject { ["dryRun"] = true, ["transaction"] = shown.DeepClone(), ["outcome"] = "would succeed", ["returnData"] = HexConvert.Encode(returned) };
        var text = new List<string> { "dry run: the transaction would succeed; nothing was sent" };
        JsonArray? events = await TraceEventsAsync(request, cancellationToken).ConfigureAwait(false);
        if (events is null)
        {
            report["events"] = null;
            text.Add("  events: the node offers no debug_traceCall, so the events it would emit cannot be shown");
        }
        else
        {
            report["events"] = events;
            text.Add(events.Count == 0 ? "  events: none" : $"  events ({events.Count}):");
            text.AddRange(events.Select(e => "    " + e!["text"]!.GetValue<string>()));
        }
        if (_plan.Count > 1)
        {
            // Later steps depend on the first (an approval, an earlier chunk, a commitment a block old): only it can be simulated now.
            var plan = new JsonArray();
            text.Add($"  plan: {_plan.Count} transactions, sent one after the other; only step {_step + 1} was simulated, the others depend on the steps before them");
            for (int i = 0; i < _plan.Count; i++)
            {
                Move step = _plan[i];
                plan.Add(new JsonObject
                {
                    ["step"] = i + 1, ["action"] = step.Action, ["to"] = step.To.ToString(), ["value"] = Output.Number(step.Value), ["summary"] = step.Summary,
                    ["simulated"] = i == _step,
                });
                text.Add($"    {i + 1}. {step.Action}: {step.Summary}{(i == _step ? " (simulated)" : "")}");
            }
            report["plan"] = plan;
        }
        return new DryRunStoppedException(report, string.Join('\n', text));
    }

    private async Task<JsonArray?> TraceEventsAsync(CallRequest request, CancellationToken cancellationToken)
    {
        var call = new JsonObject
        {
            ["from"] = request.From?.ToString(),
            ["to"] = request.To?.ToString(),
            ["data"] = HexConvert.Encode(request.Data ?? []),
            ["value"] = "0x" + (request.Value ?? 0).ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0'),
            ["gas"] = "0x" + (request.Gas ?? 0).ToString("x", CultureInfo.InvariantCulture),
        };
        var tracer = new JsonObject { ["tracer"] = "callTracer", ["tracerConfig"] = new JsonObject { ["withLog"] = true } };
        JsonElement trace;
        try
        {
            trace = await eth.Rpc.SendAsync(new RpcCall<JsonElement>("debug_traceCall",
                [call, "pending", tracer], static (e, _) => e.Clone()), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            return null;
        }
        var events = new JsonArray();
        Collect(trace, events);
        return events;
    }

    private void Collect(JsonElement frame, JsonArray events)
    {
        if (frame.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (frame.TryGetProperty("logs", out JsonElement logs) && logs.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement log in logs.EnumerateArray())
            {
                Address emitter = Address.Parse(log.GetProperty("address").GetString()!);
                List<byte[]> topics = [.. log.GetProperty("topics").EnumerateArray().Select(t => HexConvert.Decode(t.GetString()!))];
                byte[] data = HexConvert.Decode(log.TryGetProperty("data", out JsonElement d) ? d.GetString() ?? "0x" : "0x");
                string described = CallDecoder.DescribeEvent(topics, data);
                events.Add(new JsonObject { ["address"] = emitter.ToString(), ["event"] = described, ["text"] = $"{described} from {emitter}{NameOf(emitter)}" });
            }
        }
        if (frame.TryGetProperty("calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement inner in calls.EnumerateArray())
            {
                Collect(inner, events);
            }
        }
    }
}
