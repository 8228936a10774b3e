using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Connection;
using Qomon.Client.Diagnostics;
using Qomon.Client.Retry;
using Qomon.Client.Text;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Resends what is safe to resend: 429 always (Qomon did not process it); 500, 502, 503, 504, dropped
    /// connections and per-attempt timeouts only for idempotent requests. Never a request whose caller resends it
    /// itself (RequestInfo.CallerResends: a merged contact, whose body must be worked out again from a fresh read). 500 is included because the API's
    /// clients (and its docs) treat 5xx as transient, and resending an idempotent request costs at most a few
    /// seconds before the same error is reported. The per-attempt timeout lives here,
    /// not in HttpClient.Timeout, so that budget waits and backoff are never cut short by it.
    /// Written here rather than taken from Polly to ship no extra assemblies (see DEPENDENCIES.md).
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly QomonConnectionSettings _settings;
        private readonly RetryPolicy _policy;
        private readonly TimeProvider _time;
        private readonly Func<string, string> _scrub;

        public RetryHandler(QomonConnectionSettings settings, RetryPolicy policy, Func<string, string> scrub)
        {
            _settings = settings;
            _policy = policy;
            _time = settings.TimeProvider;
            _scrub = scrub;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var state = CallState.For(request);
            var body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var idempotent = RequestInfo.IsIdempotent(request);
            var callerResends = RequestInfo.CallerResends(request);
            var isRead = RequestInfo.IsRead(request);
            var method = request.Method.Method;
            var path = RequestInfo.DisplayPath(request);
            var started = _time.GetTimestamp();

            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                state.Attempts = attempt;
                var outcome = await SendOnceAsync(request, body, cancellationToken).ConfigureAwait(false);
                var status = outcome.Response == null ? 0 : (int)outcome.Response.StatusCode;

                if (!isRead && (outcome.Failure != null ? !TransportFailure.ProvesNotSent(outcome.Failure) : status >= 500))
                    state.MaybeApplied = true;

                TimeSpan? retryAfter = outcome.Response == null ? null : RetryAfterHeader.Read(outcome.Response, _time.GetUtcNow());
                if (retryAfter.HasValue) state.LastRetryAfter = retryAfter;

                var retriable = !callerResends && (status == 429
                    || (outcome.Failure != null && (idempotent || TransportFailure.ProvesNotSent(outcome.Failure)))
                    || (idempotent && IsTransientServerError(status)));
                if (!retriable)
                    return outcome.Response ?? throw TransportException(method, path, attempt, state, outcome, null);

                var delay = _policy.Delay(attempt, retryAfter);
                var giveUp = _policy.GiveUpReason(attempt, started, delay);
                if (giveUp != null)
                {
                    QomonLog.Current.Verbose($"{method} {path}: giving up after {Counted.Of(attempt, "attempt")}: {giveUp}.");
                    return outcome.Response ?? throw TransportException(method, path, attempt, state, outcome, giveUp);
                }

                var what = outcome.Response != null ? ((int)outcome.Response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + outcome.Response.ReasonPhrase : outcome.Describe(_settings.Timeout, _scrub);
                var line = string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2}; retry {3} of {4} in {5:0.0} s{6}.",
                    method, path, what, attempt, _settings.MaxAttempts - 1, delay.TotalSeconds, retryAfter.HasValue ? " (Retry-After)" : "");
                QomonLog.Current.Verbose(line);
                if (delay > TokenBudget.LongWait) QomonLog.Current.Warning(line);

                outcome.Response?.Dispose();
                await _policy.WaitBeforeRetryAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsTransientServerError(int status) => status == 500 || status == 502 || status == 503 || status == 504;

        private async Task<AttemptOutcome> SendOnceAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
        {
            using (var attemptRequest = RequestCloner.Clone(request, body))
            using (var timeout = _settings.Timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : _time.CreateCancellationTokenSource(_settings.Timeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(attemptRequest, linked.Token).ConfigureAwait(false);
                    // Read the body inside the attempt, so a body that never arrives counts as this attempt's timeout.
                    if (response.Content != null)
                        await response.Content.LoadIntoBufferAsync().WaitAsync(Timeout.InfiniteTimeSpan, _time, linked.Token).ConfigureAwait(false);
                    return new AttemptOutcome(response, null, false);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: whatever the transport threw on the way out (on .NET Framework it can be a
                    // WebException), the caller must see a cancellation, never an API error.
                    response?.Dispose();
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (Exception ex) when (timeout.IsCancellationRequested && (ex is OperationCanceledException || TransportFailure.IsTransport(ex)))
                {
                    response?.Dispose();
                    return new AttemptOutcome(null, ex, true);
                }
                catch (Exception ex) when (TransportFailure.IsTransport(ex))
                {
                    response?.Dispose();
                    return new AttemptOutcome(null, ex, false);
                }
            }
        }

        private QomonApiException TransportException(string method, string path, int attempts, CallState state, AttemptOutcome outcome, string? giveUp)
        {
            var message = string.Format(CultureInfo.InvariantCulture, "{0} {1} failed: {2}{3}{4}",
                method, path, outcome.Describe(_settings.Timeout, _scrub),
                attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (after {0} attempts{1})", attempts, giveUp == null ? "" : "; " + giveUp) : "",
                state.MaybeApplied ? ". The outcome is unknown: the server may have applied it; read it back before retrying." : ".");
            return new QomonApiException(message, 0, method, path, attempts, title: outcome.TimedOut ? "Timeout" : "Connection failure",
                detail: outcome.Failure == null ? null : _scrub(TransportFailure.Describe(outcome.Failure)),
                isTransportFailure: true, outcomeUnknown: state.MaybeApplied, innerException: outcome.Failure);
        }

        private readonly struct AttemptOutcome
        {
            public AttemptOutcome(HttpResponseMessage? response, Exception? failure, bool timedOut)
            {
                Response = response;
                Failure = failure;
                TimedOut = timedOut;
            }

            public HttpResponseMessage? Response { get; }
            public Exception? Failure { get; }
            public bool TimedOut { get; }

            public string Describe(TimeSpan timeout, Func<string, string> scrub) =>
                TimedOut ? string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", timeout.TotalSeconds)
                : Failure != null ? "connection failure: " + scrub(TransportFailure.Describe(Failure))
                : "";
        }
    }
}
