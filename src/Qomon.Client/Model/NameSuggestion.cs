using System;
using System.Collections.Generic;

namespace Qomon.Client.Model
{
    /// <summary>Finds the known name closest to a misspelt one, for "did you mean ..." in input problems.</summary>
    internal static class NameSuggestion
    {
        /// <summary>The closest candidate within an edit distance of about a third of its length, or null.</summary>
        public static string? Closest(string given, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            var lowered = given.ToLowerInvariant();
            foreach (var candidate in candidates)
            {
                var distance = Distance(lowered, candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            if (best == null) return null;
            var allowed = Math.Max(2, Math.Min(given.Length, best.Length) / 3);
            return bestDistance <= allowed ? best : null;
        }

        /// <summary>Levenshtein distance; names are short, so the two-row version is plenty.</summary>
        internal static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
