using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port (Kestrel) that records every request and answers with
/// <see cref="Respond"/>: a fake Didit, or a fake payment platform receiving callbacks.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly List<RecordedRequest> _requests = [];

    private FakeHttpServer(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url = $"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray());
            lock (_requests) _requests.Add(request);
            await _arrivals.Writer.WriteAsync(request);
            await Respond(request).ExecuteAsync(context);
        });
    }

    public string Url { get; }

    /// <summary>How the server answers; may be changed while it runs.</summary>
    public Func<RecordedRequest, IResult> Respond { get; set; } = _ => Results.Ok();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<FakeHttpServer> StartAsync(Func<RecordedRequest, IResult>? respond = null)
    {
        var server = new FakeHttpServer(FreePort.Next());
        if (respond is not null) server.Respond = respond;
        await server._app.StartAsync();
        return server;
    }

    /// <summary>The next request to arrive (in order), or a timeout failure.</summary>
    public async Task<RecordedRequest> NextRequestAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _arrivals.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
