using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>What a loopback server was sent: method, path and query, and the Authorization header if any.</summary>
    public sealed record LoopbackRequest(string Method, string PathAndQuery, string? Authorization);

    /// <summary>
    /// A real HTTP server on a free loopback port that answers every request with one handler and records what it
    /// was sent, for behaviour a fake handler cannot show (the real transport's redirect handling).
    /// </summary>
    public sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackServer(WebApplication app, Uri baseUri)
        {
            _app = app;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }
        public ConcurrentQueue<LoopbackRequest> Received { get; } = new();

        public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            LoopbackServer? server = null;
            app.Run(async context =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                server!.Received.Enqueue(new LoopbackRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                    authorization.Length == 0 ? null : authorization));
                await answer(context);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server = new LoopbackServer(app, new Uri(address));
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
