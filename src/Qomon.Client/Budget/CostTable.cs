using System.Collections.Concurrent;

namespace Qomon.Client.Budget
{
    /// <summary>
    /// Token cost per route. Starts from what Qomon documents (5 for a synchronous create or PATCH, 1 otherwise)
    /// and learns each route's real cost from x-ratelimit-cost, so a route seen once is estimated exactly.
    /// </summary>
    public sealed class CostTable
    {
        private readonly ConcurrentDictionary<string, double> _learned = new ConcurrentDictionary<string, double>();

        /// <summary>routeKey is "METHOD /template", e.g. "PATCH /contacts/{id}".</summary>
        public double Estimate(string routeKey) =>
            _learned.TryGetValue(routeKey, out var cost) ? cost : Documented(routeKey);

        public void Learn(string routeKey, double cost)
        {
            if (cost >= 0) _learned[routeKey] = cost;
        }

        internal static double Documented(string routeKey) =>
            routeKey == "POST /contacts" || routeKey == "PATCH /contacts/{id}" ? 5 : 1;
    }
}
