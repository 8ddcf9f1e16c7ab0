// Download of a large dataset through the content service (decrypt, authenticate, send over HTTP
// on 127.0.0.1) against reading the same plaintext file from disk, with the process's memory growth.
//   dotnet run -c Release --project benchmarks/DaoPlatform.AssetsBench -- [size in MiB, default 1024]
// then the per-byte primitives in the same run (--primitives: those alone). Each line gives the wall-clock rate and
// the rate per CPU-second of this process, which a loaded machine disturbs less; the load average is printed.
// The asset is public, so no chain is involved: this measures the content path only (the pass check is
// a few eth_calls per download, whatever the size). The disk is read two ways: with O_DIRECT (from the device, as
// `dd iflag=direct`: the disk's own rate) and through a warm page cache (the fastest a local file can come).
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Http;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

if (args is ["--primitives"])
{
    PrimitiveRates();
    return;
}
long mib = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
long size = mib << 20;
string root = Directory.CreateTempSubdirectory("daoplatform-assets-bench-").FullName;
try
{
    string plainPath = Path.Combine(root, "dataset.bin");
    byte[] chunk = new byte[1 << 20];
    await using (var file = File.Create(plainPath))
    {
        for (long written = 0; written < size; written += chunk.Length)
        {
            RandomNumberGenerator.Fill(chunk);
            await file.WriteAsync(chunk);
        }
    }

    using NodeKey nodeKey = NodeKey.FromKey(EthereumKey.Generate());
    var store = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(root, "blocks")), Path.Combine(root, "manifests"), nodeKey);
    var publish = Stopwatch.StartNew();
    AssetManifest manifest;
    await using (var source = File.OpenRead(plainPath))
    {
        manifest = await store.AddAsync(source, isPublic: true);
    }
    publish.Stop();

    int port = FreePort();
    await using SqlNonceStore nonces = new NonceStoreOptions { ConnectionString = $"Data Source={Path.Combine(root, "nonces.db")}" }.CreateStore();
    WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton(new SignInService(nonces, new SiweVerifier(), new SignInOptions { Domain = $"127.0.0.1:{port}", ChainId = 10 }, TimeSpan.FromMinutes(5)));
    builder.Services.AddSingleton(store);
    builder.Services.AddSingleton<IAssetLedger>(new OneAssetLedger(manifest.ContentHash));
    await using WebApplication app = builder.Build();
    app.MapAssetContent();
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };

    Console.WriteLine($"CPU: {Cpu()}, {Environment.ProcessorCount} cores, load average {LoadAverage()}; .NET {Environment.Version}; asset {mib} MiB in {manifest.BlockSize / 1024} KiB blocks");
    Console.WriteLine($"publish (encrypt + hash + store): {Rate(size, publish.Elapsed)}");
    Console.WriteLine();
    Console.WriteLine("| Path | MiB/s (best of 3) | MiB per CPU-second | Peak memory growth |");
    Console.WriteLine("|---|---:|---:|---:|");
    (double direct, double directCpu, long directMemory) = await MeasureAsync(1, () => Task.FromResult(DirectRead.ReadAll(plainPath, chunk.Length)));
    Console.WriteLine($"| read the plaintext file from disk, O_DIRECT (no page cache), 1 MiB reads | {direct:F0} | {directCpu:F0} | {directMemory / (1 << 20)} MiB |");
    (double disk, double diskCpu, long diskMemory) = await MeasureAsync(1, () => ReadFileAsync(plainPath, chunk));
    Console.WriteLine($"| read the plaintext file from disk (page cache) | {disk:F0} | {diskCpu:F0} | {diskMemory / (1 << 20)} MiB |");
    (double storeOnly, double storeCpu, long storeMemory) = await MeasureAsync(1, async () =>
    {
        await store.CopyRangeAsync(manifest, 0, manifest.Length, Stream.Null);
        return manifest.Length;
    });
    Console.WriteLine($"| the store's read alone, no HTTP (decrypt, authenticate, into Stream.Null) | {storeOnly:F0} | {storeCpu:F0} | {storeMemory / (1 << 20)} MiB |");
    (double service, double serviceCpu, long serviceMemory) = await MeasureAsync(1, () => DownloadAsync(http, chunk));
    Console.WriteLine($"| **download through the service (decrypt, authenticate every block under the key sealed to both digests, send)** | **{service:F0}** | {serviceCpu:F0} | {serviceMemory / (1 << 20)} MiB |");
    (double twoAtOnce, double twoCpu, long twoMemory) = await MeasureAsync(2, () => DownloadAsync(http, new byte[1 << 20]));
    Console.WriteLine($"| two concurrent downloads through the service (total) | {twoAtOnce:F0} | {twoCpu:F0} | {twoMemory / (1 << 20)} MiB |");
    store.RecomputeDigestsOnWholeReads = true;
    (double recomputed, double recomputedCpu, long recomputedMemory) = await MeasureAsync(1, () => DownloadAsync(http, chunk));
    Console.WriteLine($"| download through the service recomputing both digests (keccak-256 by four segments, sha2-256) | {recomputed:F0} | {recomputedCpu:F0} | {recomputedMemory / (1 << 20)} MiB |");
    // Without the keccak checkpoints saved at publishing: one sequential keccak stream.
    string checkpoints = Path.Combine(root, "manifests", manifest.ContentHash[2..] + ".keccak");
    File.Move(checkpoints, checkpoints + ".aside");
    (double oneStream, double oneStreamCpu, long oneStreamMemory) = await MeasureAsync(1, () => DownloadAsync(http, chunk));
    Console.WriteLine($"| download through the service recomputing both digests, keccak-256 in one stream (no checkpoints) | {oneStream:F0} | {oneStreamCpu:F0} | {oneStreamMemory / (1 << 20)} MiB |");
    File.Move(checkpoints + ".aside", checkpoints);
    store.RecomputeDigestsOnWholeReads = false;
    Console.WriteLine();
    Console.WriteLine($"service / disk without page cache: {service / direct:P0} (recomputing both digests: {recomputed / direct:P0}); service / page cache: {service / disk:P0}");
    await app.StopAsync();
    Console.WriteLine();
    PrimitiveRates();
    Console.WriteLine($"load average at the end: {LoadAverage()}");

    async Task<(double MibPerSecond, double MibPerCpuSecond, long PeakGrowth)> MeasureAsync(int parallel, Func<Task<long>> run)
    {
        double best = 0;
        double bestCpu = 0;
        long peakGrowth = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long baseline = Process.GetCurrentProcess().WorkingSet64;
            long peak = baseline;
            using var sampling = new CancellationTokenSource();
            Task sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                    await Task.Delay(20, CancellationToken.None);
                }
            });
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long[] bytes = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(run)));
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            sampling.Cancel();
            await sampler;
            if (bytes.Any(b => b != size))
            {
                throw new InvalidOperationException($"A read returned {string.Join(", ", bytes)} bytes, not {size}.");
            }
            best = Math.Max(best, bytes.Sum() / (double)(1 << 20) / watch.Elapsed.TotalSeconds);
            bestCpu = Math.Max(bestCpu, bytes.Sum() / (double)(1 << 20) / cpu.TotalSeconds);
            peakGrowth = Math.Max(peakGrowth, peak - baseline);
        }
        return (best, bestCpu, peakGrowth);
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static async Task<long> ReadFileAsync(string path, byte[] buffer)
{
    long total = 0;
    await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
    int read;
    while ((read = await file.ReadAsync(buffer)) > 0)
    {
        total += read;
    }
    return total;
}

static async Task<long> DownloadAsync(HttpClient http, byte[] buffer)
{
    using HttpResponseMessage response = await http.GetAsync("/assets/1/content", HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using Stream body = await response.Content.ReadAsStreamAsync();
    long total = 0;
    int read;
    while ((read = await body.ReadAsync(buffer)) > 0)
    {
        total += read;
    }
    return total;
}

// The per-byte work of a download, each alone over 256 MiB in 64 KiB blocks: where the time goes.
static void PrimitiveRates()
{
    const int Block = 64 * 1024;
    const long Total = 256L << 20;
    byte[] plain = RandomNumberGenerator.GetBytes(Block);
    byte[] sealedBlock = new byte[Block];
    byte[] tag = new byte[16];
    byte[] nonce = new byte[12];
    using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
    aes.Encrypt(nonce, plain, sealedBlock, tag);
    void Time(string name, Action<byte[]> work, int bytesPerCall = Block)
    {
        work(plain); // first call: the JIT's, not the rate's
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (long done = 0; done < Total; done += bytesPerCall)
        {
            work(plain);
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{name}: {Rate(Total, watch.Elapsed)}, {Rate(Total, cpu)} per CPU-second");
    }
    Time("AES-256-GCM decrypt", _ => aes.Decrypt(nonce, sealedBlock, tag, plain));
    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    Time("SHA-256 (incremental)", b => sha.AppendData(b));
    var keccak = new Org.BouncyCastle.Crypto.Digests.KeccakDigest(256);
    Time("keccak-256 (BouncyCastle, incremental)", b => keccak.BlockUpdate(b));
    var ours = new DaoPlatform.Ethereum.Hashing.IncrementalKeccak256();
    Time("keccak-256 (DaoPlatform.Ethereum IncrementalKeccak256)", b => ours.Append(b));
    Time("keccak-256 (DaoPlatform.Ethereum, one-shot per block)", b => DaoPlatform.Ethereum.Hashing.Keccak256.Hash(b));
    // Four segments of 120 keccak blocks from saved states, as a whole read with checkpoints checks them.
    const int Segment = 120 * DaoPlatform.Ethereum.Hashing.Keccak256Sponge.Rate;
    byte[] states = new byte[4 * DaoPlatform.Ethereum.Hashing.Keccak256Sponge.StateSize];
    byte[] reached = new byte[states.Length];
    Time("keccak-256, four segments at once (Keccak256Sponge.AbsorbFour)", b => DaoPlatform.Ethereum.Hashing.Keccak256Sponge.AbsorbFour(
        states, b.AsSpan(0, Segment), b.AsSpan(Segment, Segment), b.AsSpan(2 * Segment, Segment), b.AsSpan(3 * Segment, Segment), reached), 4 * Segment);
}

static string Rate(long bytes, TimeSpan elapsed) => $"{bytes / (double)(1 << 20) / elapsed.TotalSeconds:F0} MiB/s";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static string Cpu() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

/// <summary>The benchmark's one public asset, registered as id 1 (no chain: the content path alone is measured).</summary>
internal sealed class OneAssetLedger(string contentHash) : IAssetLedger
{
    public Task<string?> ContentHashOfAsync(BigInteger assetId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(assetId.IsOne ? contentHash : null);

    public Task<PassDecision> AuthorizeAsync(Address holder, BigInteger assetId, BigInteger passId, bool startsDownload, CancellationToken cancellationToken) =>
        Task.FromResult(new PassDecision(false, "the benchmark's asset is public"));
}
