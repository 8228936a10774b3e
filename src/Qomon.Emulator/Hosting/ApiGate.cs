using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Qomon.Emulator.Faults;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Hosting
{
    /// <summary>
    /// What happens to every API request before its endpoint runs, in the order the real service would do it:
    /// authenticate the key, charge the key's bucket (or answer 429), add latency, maybe inject a fault (on the
    /// routes fault-routes names). It also counts every answer for /_emulator/stats and turns ProblemExceptions
    /// into RFC 7807 bodies.
    /// </summary>
    public sealed class ApiGate(RequestDelegate next, EmulatorState state)
    {
        public const string ControlPrefix = "/_emulator";

        /// <summary>Route names are built once per method and endpoint, not per request.</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Method, RouteEndpoint? Endpoint), string> _routeNames = new();

        public async Task InvokeAsync(HttpContext context)
        {
            if (context.Request.Path.StartsWithSegments(ControlPrefix))
            {
                // The control plane has no key, so only this machine may use it.
                if (context.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote))
                    await ProblemWriter.WriteAsync(context, 403, "Forbidden", "The /_emulator control plane answers loopback clients only.");
                else
                    await Guard(context, next);
                return;
            }

            var route = RouteName(context);
            try
            {
                await HandleAsync(context, route);
            }
            finally
            {
                state.Stats.Request(route, context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode);
            }
        }

        private async Task HandleAsync(HttpContext context, string route)
        {
            var settings = state.Settings;
            var headers = context.Response.Headers;
            headers["x-ratelimit-limit"] = settings.RateLimitHeader;

            var space = Authenticate(context);
            if (space is null)
            {
                headers["x-ratelimit-cost"] = "0";
                headers["x-ratelimit-remaining"] = settings.Burst.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(context, 401, "Unauthorized", "A valid API key is required: Authorization: Bearer <key>.");
                return;
            }
            ApiContext.SetSpace(context, space);

            var cost = CostOf(context, settings);
            if (state.Faults.NextThrottle(settings))
            {
                // throttle-rate: another client spent this key's tokens; this one is refused before its bucket is charged.
                state.Stats.FaultInjected();
                headers["x-ratelimit-remaining"] = "0";
                await ThrottleAsync(context, settings, cost, 0, settings.BucketEnabled ? TimeSpan.FromSeconds(cost / settings.Rate) : TimeSpan.Zero);
                return;
            }
            var admission = space.Bucket.TryTake(cost);
            headers["x-ratelimit-remaining"] = admission.Remaining.ToString(CultureInfo.InvariantCulture);
            if (!admission.Admitted)
            {
                await ThrottleAsync(context, settings, cost, admission.Remaining, admission.RetryAfter);
                return;
            }
            headers["x-ratelimit-cost"] = cost.ToString(CultureInfo.InvariantCulture);
            state.Stats.TokensSpent(cost);

            if (settings.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(settings.LatencyMs), state.Time, context.RequestAborted);
            if (FaultRouteList.Covers(settings.FaultRoutes, route) && await InjectFaultAsync(context, settings)) return;

            if (context.GetEndpoint() is null)
            {
                await ProblemWriter.WriteAsync(context, 404, "Not Found", $"No route {context.Request.Method} {context.Request.Path}.");
                return;
            }
            await Guard(context, next);
            if (context.Response.StatusCode == 405 && !context.Response.HasStarted)
                await ProblemWriter.WriteAsync(context, 405, "Method Not Allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}.");
        }

        /// <summary>A 429: nothing was taken, so the answer says so; Retry-After says when the cost will be there.</summary>
        private async Task ThrottleAsync(HttpContext context, EmulatorSettings settings, int cost, long remaining, TimeSpan retryAfter)
        {
            var headers = context.Response.Headers;
            headers["x-ratelimit-cost"] = "0";
            state.Stats.Throttled();
            var wait = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            if (settings.RetryAfter == RetryAfterStyle.Seconds) headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            else if (settings.RetryAfter == RetryAfterStyle.Date) headers.RetryAfter = state.Time.GetUtcNow().AddSeconds(wait).ToString("R", CultureInfo.InvariantCulture);
            await ProblemWriter.WriteAsync(context, 429, "Too Many Requests", $"Rate limit exceeded: this request costs {cost} tokens and {remaining} are left.");
        }

        /// <summary>True when the fault answered (or dropped) the request itself.</summary>
        private async Task<bool> InjectFaultAsync(HttpContext context, EmulatorSettings settings)
        {
            var fault = state.Faults.Next(settings);
            switch (fault.Kind)
            {
                case FaultKind.ConnectionReset:
                    state.Stats.FaultInjected();
                    context.Abort();
                    return true;
                case FaultKind.ServerError:
                    state.Stats.FaultInjected();
                    await ProblemWriter.WriteAsync(context, fault.Status, ReasonPhrase(fault.Status), "Injected fault: the emulator was told to fail this request.");
                    return true;
                case FaultKind.Slow:
                    // Held, then handled even if the client gave up meanwhile: a timed-out write may still land,
                    // which is exactly what a client's retry logic must survive. The body is read first for that.
                    state.Stats.FaultInjected();
                    var body = new MemoryStream();
                    await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                    body.Position = 0;
                    context.Request.Body = body;
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.SlowMs), state.Time, CancellationToken.None);
                    return false;
                default:
                    return false;
            }
        }

        private static async Task Guard(HttpContext context, RequestDelegate next)
        {
            try
            {
                await next(context);
            }
            catch (ProblemException problem) when (!context.Response.HasStarted)
            {
                await ProblemWriter.WriteAsync(context, problem);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                // A bug in the emulator still answers in the API's error shape, so a client under test sees a 500 it can parse.
                Console.Error.WriteLine($"Qomon emulator: {context.Request.Method} {context.Request.Path} failed: {e}");
                await ProblemWriter.WriteAsync(context, 500, "Internal Server Error", $"The emulator failed: {e.GetType().Name}: {e.Message}");
            }
        }

        private Storage.Space? Authenticate(HttpContext context)
        {
            var header = context.Request.Headers.Authorization.ToString();
            const string bearer = "Bearer ";
            return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
                ? state.FindSpace(header[bearer.Length..].Trim())
                : null;
        }

        /// <summary>The documented costs: 5 for the synchronous writes (POST /contacts, PATCH), 1 for the rest; upsert's own setting.</summary>
        private static int CostOf(HttpContext context, EmulatorSettings settings)
        {
            var method = context.Request.Method;
            var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (HttpMethods.IsPost(method) && pattern == "/contacts/upsert") return settings.CostUpsert;
            var isSyncWrite = (HttpMethods.IsPost(method) && pattern == "/contacts") || (HttpMethods.IsPatch(method) && pattern == "/contacts/{id}");
            return isSyncWrite ? settings.CostWrite : settings.CostRead;
        }

        /// <summary>"GET /contacts/{id}": method and route template without constraints, the key of the stats.</summary>
        private string RouteName(HttpContext context) =>
            _routeNames.GetOrAdd((context.Request.Method, context.GetEndpoint() as RouteEndpoint), static key =>
            {
                var pattern = key.Endpoint?.RoutePattern;
                var template = pattern is null ? "(no route)" : "/" + string.Join("/", pattern.PathSegments.Select(Segment));
                return $"{key.Method} {template}";
            });

        private static string Segment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }));

        private static string ReasonPhrase(int status) => status switch
        {
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            _ => "Error",
        };
    }
}
