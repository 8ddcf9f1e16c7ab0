using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace DaoPlatform.Services.Health;

/// <summary>
/// The node's metrics, written in the Prometheus text exposition format (version 0.0.4) at <c>/metrics</c>:
/// counters and histograms kept here as events happen (decisions, RPC requests, gas), gauges set by their owners
/// (the follower's cursor and head, the bonds at stake) or read at scrape time (jobs by state, see
/// <see cref="HealthProbe"/>). Names follow Prometheus conventions: a <c>daoplatform_</c> prefix, base units
/// (seconds, wei as a float), <c>_total</c> on counters. A few dozen series: hand-written rather than a client
/// library with process-wide registries.
/// </summary>
public sealed class NodeMetrics
{
    /// <summary>Upper bounds (seconds) of the RPC latency histogram's buckets.</summary>
    public static ReadOnlySpan<double> RpcBuckets => [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Name, string Labels), double> _counters = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _gauges = new();
    private readonly ConcurrentDictionary<string, Histogram> _rpcLatency = new(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, (string Type, string Help)> Families = new Dictionary<string, (string Type, string Help)>(StringComparer.Ordinal)
    {
        ["daoplatform_decisions_total"] = ("counter", "Role jobs run, by role and outcome (acted, nothing to do, failed)."),
        ["daoplatform_rpc_requests_total"] = ("counter", "JSON-RPC HTTP requests to the chain node, by method (batch for a batch)."),
        ["daoplatform_rpc_errors_total"] = ("counter", "JSON-RPC HTTP requests that failed (no answer, timeout, HTTP error), by method."),
        ["daoplatform_rpc_duration_seconds"] = ("histogram", "JSON-RPC HTTP request latency in seconds, by method."),
        ["daoplatform_gas_used_total"] = ("counter", "Gas used by the node's mined transactions, by role."),
        ["daoplatform_gas_spent_wei_total"] = ("counter", "Fees paid by the node's mined transactions in wei (gas used times effective gas price), by role."),
        ["daoplatform_transactions_total"] = ("counter", "Transactions the node had mined, by role and status (succeeded, reverted)."),
        ["daoplatform_head_block"] = ("gauge", "The chain node's latest block number."),
        ["daoplatform_cursor_block"] = ("gauge", "The last block the follower processed."),
        ["daoplatform_cursor_lag_blocks"] = ("gauge", "Blocks between the chain head and the follower's cursor (includes the confirmation depth)."),
        ["daoplatform_open_tasks"] = ("gauge", "Tasks the follower follows."),
        ["daoplatform_bonds_at_stake_wei"] = ("gauge", "Bonds the node's accounts have locked in open results and games, in wei, by role."),
        ["daoplatform_jobs"] = ("gauge", "Jobs in the job storage, by state."),
        ["daoplatform_up"] = ("gauge", "Whether a dependency answered the last probe (1) or not (0), by component (chain, job_storage)."),
        ["daoplatform_chain_head_age_seconds"] = ("gauge", "Seconds since the chain head's timestamp at the last probe."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Counts one role job's outcome: <c>acted</c> (it sent a transaction), <c>idle</c> (nothing to do) or <c>failed</c>.</summary>
    public void Decision(NodeRoles role, string outcome) => Add("daoplatform_decisions_total", Labels(("role", RoleName(role)), ("outcome", outcome)), 1);

    /// <summary>Records one JSON-RPC HTTP request to the chain node: its method, its latency, whether it failed.</summary>
    public void Rpc(string method, TimeSpan elapsed, bool failed)
    {
        string labels = Labels(("method", method));
        Add("daoplatform_rpc_requests_total", labels, 1);
        if (failed)
        {
            Add("daoplatform_rpc_errors_total", labels, 1);
        }
        _rpcLatency.GetOrAdd(method, _ => new Histogram()).Observe(elapsed.TotalSeconds);
    }

    /// <summary>Records a mined transaction of <paramref name="role"/>: gas used and fee paid (wei).</summary>
    public void Mined(NodeRoles role, ulong gasUsed, BigInteger? effectiveGasPrice, bool succeeded)
    {
        string labels = Labels(("role", RoleName(role)));
        Add("daoplatform_gas_used_total", labels, gasUsed);
        if (effectiveGasPrice is { } price)
        {
            Add("daoplatform_gas_spent_wei_total", labels, (double)(price * gasUsed));
        }
        Add("daoplatform_transactions_total", Labels(("role", RoleName(role)), ("status", succeeded ? "succeeded" : "reverted")), 1);
    }

    /// <summary>Sets the follower's gauges after a tick.</summary>
    public void Follower(ulong cursor, ulong head, int openTasks)
    {
        Set("daoplatform_cursor_block", "", cursor);
        Set("daoplatform_head_block", "", head);
        Set("daoplatform_cursor_lag_blocks", "", head >= cursor ? head - cursor : 0);
        Set("daoplatform_open_tasks", "", openTasks);
    }

    /// <summary>Sets the bonds <paramref name="role"/>'s account has locked (wei).</summary>
    public void BondsAtStake(NodeRoles role, BigInteger wei) => Set("daoplatform_bonds_at_stake_wei", Labels(("role", RoleName(role))), (double)wei);

    /// <summary>Sets the job counts by state (enqueued, processing, scheduled, failed, succeeded).</summary>
    public void Jobs(IEnumerable<KeyValuePair<string, long>> byState)
    {
        ArgumentNullException.ThrowIfNull(byState);
        foreach ((string state, long count) in byState)
        {
            Set("daoplatform_jobs", Labels(("state", state)), count);
        }
    }

    /// <summary>Sets whether <paramref name="component"/> (chain, job_storage) answered the last probe.</summary>
    public void Up(string component, bool up) => Set("daoplatform_up", Labels(("component", component)), up ? 1 : 0);

    /// <summary>Sets the head's age at the last probe.</summary>
    public void HeadAge(TimeSpan age) => Set("daoplatform_chain_head_age_seconds", "", Math.Max(0, age.TotalSeconds));

    /// <summary>The value of a counter or gauge series, for tests and the health report; 0 when absent.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        string key = Labels(labels);
        return _counters.TryGetValue((name, key), out double c) ? c : _gauges.TryGetValue((name, key), out double g) ? g : 0;
    }

    /// <summary>Writes every series in the text exposition format.</summary>
    public string Export()
    {
        var text = new StringBuilder();
        var series = _counters.Concat(_gauges).GroupBy(s => s.Key.Name).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Key.Labels, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        foreach ((string name, (string type, string help)) in Families.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name == "daoplatform_rpc_duration_seconds")
            {
                if (!_rpcLatency.IsEmpty)
                {
                    Header(text, name, type, help);
                    foreach ((string method, Histogram histogram) in _rpcLatency.OrderBy(h => h.Key, StringComparer.Ordinal))
                    {
                        histogram.Write(text, name, method);
                    }
                }
                continue;
            }
            if (!series.TryGetValue(name, out var values))
            {
                continue;
            }
            Header(text, name, type, help);
            foreach (var ((_, labels), value) in values)
            {
                text.Append(name).Append(labels.Length > 0 ? "{" + labels + "}" : "").Append(' ').Append(Format(value)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private void Add(string name, string labels, double delta) => _counters.AddOrUpdate((name, labels), delta, (_, v) => v + delta);

    private void Set(string name, string labels, double value) => _gauges[(name, labels)] = value;

    private static string RoleName(NodeRoles role) => role.ToString().ToLowerInvariant();

    /// <summary>Label pairs as <c>a="x",b="y"</c>, values escaped as the format requires (backslash, quote, line feed).</summary>
    internal static string Labels(params (string Name, string Value)[] labels) =>
        string.Join(',', labels.Select(l => $"{l.Name}=\"{l.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\""));

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A cumulative histogram over <see cref="RpcBuckets"/>.</summary>
    private sealed class Histogram
    {
        private readonly long[] _buckets = new long[RpcBuckets.Length];
        private readonly Lock _lock = new();
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (_lock)
            {
                for (int i = 0; i < _buckets.Length; i++)
                {
                    if (seconds <= RpcBuckets[i])
                    {
                        _buckets[i]++;
                    }
                }
                _count++;
                _sum += seconds;
            }
        }

        public void Write(StringBuilder text, string name, string method)
        {
            lock (_lock)
            {
                string labels = Labels(("method", method));
                for (int i = 0; i < _buckets.Length; i++)
                {
                    text.Append(name).Append("_bucket{").Append(labels).Append(",le=\"").Append(Format(RpcBuckets[i])).Append("\"} ").Append(_buckets[i]).Append('\n');
                }
                text.Append(name).Append("_bucket{").Append(labels).Append(",le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum{").Append(labels).Append("} ").Append(Format(_sum)).Append('\n');
                text.Append(name).Append("_count{").Append(labels).Append("} ").Append(_count).Append('\n');
            }
        }
    }
}
