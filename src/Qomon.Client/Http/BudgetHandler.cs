using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Budget;
using Qomon.Client.Connection;

namespace Qomon.Client.Http
{
    /// <summary>
    /// Takes each attempt's tokens before it goes out and settles them with the answer's headers. It sits inside
    /// the retry handler, so every retry pays for itself like any other request.
    /// </summary>
    internal sealed class BudgetHandler : DelegatingHandler
    {
        private readonly TokenBudget _budget;
        private readonly QomonCounters _counters;
        private readonly TimeProvider _time;

        public BudgetHandler(TokenBudget budget, QomonCounters counters, TimeProvider time)
        {
            _budget = budget;
            _counters = counters;
            _time = time;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var route = RequestInfo.RouteKey(request);
            var state = CallState.For(request);
            var cost = _budget.Costs.Estimate(route);
            double reserved;
            // Tokens set aside for this record (its read and write together) are spent without queueing again, so
            // a write goes out right after its read instead of behind every read that queued meanwhile.
            if (TokenReservation.Current?.TryDraw(_budget, cost) == true) reserved = cost;
            else
            {
                var waitStarted = _time.GetTimestamp();
                reserved = await _budget.AcquireAsync(cost, cancellationToken).ConfigureAwait(false);
                state.BudgetWait += _time.GetElapsedTime(waitStarted);
            }

            HttpResponseMessage response;
            try
            {
                _counters.AddRequest();
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // No answer: the server most likely charged it (it charges on arrival), so count the estimate.
                _budget.Abandon(reserved);
                _counters.AddTokens((long)Math.Round(reserved));
                throw;
            }

            var status = (int)response.StatusCode;
            var retryAfter = status == 429 ? RetryAfterHeader.Read(response, _time.GetUtcNow()) : null;
            var charged = _budget.Complete(reserved, route, status, RateLimitHeaders.From(response), retryAfter);
            _counters.AddTokens((long)Math.Round(charged));
            if (status == 429) _counters.AddThrottled();

            state.BudgetNote = string.Format(CultureInfo.InvariantCulture, "{0}/{1}", Math.Max(0, Math.Floor(_budget.Available)), _budget.Burst);
            return response;
        }
    }
}
