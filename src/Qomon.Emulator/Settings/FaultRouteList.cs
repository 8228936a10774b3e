namespace Qomon.Emulator.Settings
{
    /// <summary>
    /// fault-routes as text: "all", or route names as /_emulator/stats spells them, comma-separated. A name is
    /// checked for its shape (method, space, path) so that a typo fails at once instead of injecting nothing.
    /// </summary>
    public static class FaultRouteList
    {
        public const string All = "all";

        public static IReadOnlyList<string> Parse(string text)
        {
            if (text.Trim() == All) return [];
            var routes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (routes.Length == 0) throw new FormatException($"'{text}' names no route: give 'all' or routes such as 'POST /contacts/upsert'.");
            foreach (var route in routes)
            {
                var parts = route.Split(' ', 2);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[0] != parts[0].ToUpperInvariant() || !parts[1].StartsWith('/'))
                    throw new FormatException($"'{route}' is not a route: write the method, a space and the path, as in 'POST /contacts/upsert'.");
            }
            return routes;
        }

        public static string Format(IReadOnlyList<string> routes) => routes.Count == 0 ? All : string.Join(",", routes);

        /// <summary>True when the fault dice are rolled for this route.</summary>
        public static bool Covers(IReadOnlyList<string> routes, string route) => routes.Count == 0 || routes.Contains(route, StringComparer.Ordinal);
    }
}
