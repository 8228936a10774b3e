using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Connection;
using Qomon.Client.Diagnostics;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Outermost handler: one Verbose line per call ("PATCH /contacts/123 -> 200 in 184 ms; budget 73/100"),
    /// Debug lines with headers and bodies, credentials masked and the key scrubbed from any text.
    /// </summary>
    internal sealed class DiagnosticsHandler : DelegatingHandler
    {
        private readonly QomonCounters _counters;
        private readonly TimeProvider _time;
        private readonly Func<string, string> _scrub;

        public DiagnosticsHandler(QomonCounters counters, TimeProvider time, Func<string, string> scrub)
        {
            _counters = counters;
            _time = time;
            _scrub = scrub;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var log = QomonLog.Current;
            var method = request.Method.Method;
            var path = RequestInfo.DisplayPath(request);
            var state = CallState.For(request);
            var started = _time.GetTimestamp();

            var debug = new StringBuilder().Append("HTTP request ").Append(method).Append(' ').Append(request.RequestUri);
            Redactor.AppendHeaders(debug, request.Headers);
            Redactor.AppendHeaders(debug, request.Content?.Headers);
            debug.Append("\n  Authorization: ").Append(Redactor.Mask).Append(" (added at send time)");
            if (request.Content != null)
                debug.Append('\n').Append(Redactor.BodyPreview(await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false)));
            log.Debug(_scrub(debug.ToString()));

            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Verbose($"{method} {path} -> cancelled after {Elapsed(started)}.");
                throw;
            }
            catch (Exception ex)
            {
                _counters.AddFailure();
                log.Verbose(_scrub($"{method} {path} -> failed in {Elapsed(started)}: {ex.Message}"));
                throw;
            }

            var status = (int)response.StatusCode;
            if (status < 200 || status > 299) _counters.AddFailure();
            log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3}; budget {4}{5}{6}",
                method, path, status, Elapsed(started), state.BudgetNote ?? "?",
                state.BudgetWait >= TimeSpan.FromMilliseconds(1) ? string.Format(CultureInfo.InvariantCulture, " (waited {0:0} ms for tokens)", state.BudgetWait.TotalMilliseconds) : "",
                state.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, "; {0} attempts", state.Attempts) : ""));

            var answer = new StringBuilder().Append("HTTP response ").Append(status).Append(' ').Append(response.ReasonPhrase);
            Redactor.AppendHeaders(answer, response.Headers);
            Redactor.AppendHeaders(answer, response.Content?.Headers);
            if (response.Content != null)
                answer.Append('\n').Append(Redactor.BodyPreview(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)));
            log.Debug(_scrub(answer.ToString()));
            return response;
        }

        private string Elapsed(long started) =>
            string.Format(CultureInfo.InvariantCulture, "{0:0} ms", _time.GetElapsedTime(started).TotalMilliseconds);
    }
}
