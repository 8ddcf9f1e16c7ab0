using System.Collections.Concurrent;
using System.Net;
using System.Text;
using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Protocol.Tests.Content;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that answers as an IPFS trustless gateway
/// (<c>GET /ipfs/&lt;cid&gt;?format=raw</c>) and as Kubo's RPC (<c>add</c>, <c>block/get</c>,
/// <c>block/stat</c>) from a dictionary of blocks, which a test can corrupt.
/// </summary>
internal sealed class FakeIpfsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _blocks = new();
    private readonly Task _loop;

    public FakeIpfsServer()
    {
        Url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>When set, add answers this CID whatever it stored (a node that lies about what it stored).</summary>
    public string? AddAnswerOverride { get; set; }

    public void Store(UnixFsDag dag)
    {
        foreach (ContentBlock block in dag.Blocks)
        {
            _blocks[block.Cid.ToString()] = block.Bytes.ToArray();
        }
    }

    /// <summary>Serves <paramref name="cid"/>'s block with its last byte flipped from now on.</summary>
    public void Corrupt(Cid cid)
    {
        byte[] block = _blocks[cid.ToString()].ToArray();
        block[^1] ^= 0x01;
        _blocks[cid.ToString()] = block;
    }

    public void Remove(Cid cid) => _blocks.TryRemove(cid.ToString(), out _);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        string path = request.Url!.AbsolutePath;
        string? arg = request.QueryString["arg"];
        if (request.HttpMethod == "GET" && path.StartsWith("/ipfs/", StringComparison.Ordinal))
        {
            bool rawRequested = request.QueryString["format"] == "raw" && request.AcceptTypes?.Contains("application/vnd.ipld.raw") == true;
            if (!rawRequested)
            {
                await WriteAsync(context, HttpStatusCode.NotAcceptable, "only raw blocks are served"u8.ToArray()).ConfigureAwait(false);
            }
            else if (_blocks.TryGetValue(path["/ipfs/".Length..], out byte[]? block))
            {
                await WriteAsync(context, HttpStatusCode.OK, block).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, HttpStatusCode.NotFound, "not found"u8.ToArray()).ConfigureAwait(false);
            }
        }
        else if (request.HttpMethod == "POST" && path is "/api/v0/block/get" or "/api/v0/block/stat")
        {
            if (arg is not null && _blocks.TryGetValue(arg, out byte[]? block))
            {
                await WriteAsync(context, HttpStatusCode.OK, path.EndsWith("get", StringComparison.Ordinal) ? block : Encoding.UTF8.GetBytes($"{{\"Key\":\"{arg}\",\"Size\":{block.Length}}}")).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, HttpStatusCode.InternalServerError, Encoding.UTF8.GetBytes($"{{\"Message\":\"block was not found locally (offline): ipld: could not find {arg}\",\"Code\":0,\"Type\":\"error\"}}")).ConfigureAwait(false);
            }
        }
        else if (request.HttpMethod == "POST" && path == "/api/v0/add")
        {
            if (request.QueryString["cid-version"] != "1" || request.QueryString["raw-leaves"] != "true" || request.QueryString["chunker"] != "size-262144")
            {
                await WriteAsync(context, HttpStatusCode.BadRequest, "expected cid-version=1, raw-leaves=true, chunker=size-262144"u8.ToArray()).ConfigureAwait(false);
                return;
            }
            byte[] content = await ReadMultipartFileAsync(request).ConfigureAwait(false);
            UnixFsDag dag = UnixFsImporter.Import(content);
            Store(dag);
            string hash = AddAnswerOverride ?? dag.Root.ToString();
            await WriteAsync(context, HttpStatusCode.OK, Encoding.UTF8.GetBytes($"{{\"Name\":\"content\",\"Hash\":\"{hash}\",\"Size\":\"{content.Length}\"}}\n")).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(context, HttpStatusCode.NotFound, "no such endpoint"u8.ToArray()).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadMultipartFileAsync(HttpListenerRequest request)
    {
        string boundary = request.ContentType!.Split("boundary=")[1].Trim('"');
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        byte[] bytes = body.ToArray();
        int start = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        int end = bytes.AsSpan().LastIndexOf(Encoding.ASCII.GetBytes($"\r\n--{boundary}--"));
        return bytes[start..end];
    }

    private static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, byte[] body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }
}
