using System;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Search;

namespace Qomon.PowerShell.Search
{
    /// <summary>
    /// Checks a caller's -Query tree before a token is spent on it: Qomon answers 422 to anything but a root
    /// $all or $at_least_one over groups, each group $all or $at_least_one over $condition objects.
    /// </summary>
    public static class QueryShape
    {
        public static void Validate(JsonObject tree)
        {
            if (tree.Count != 1)
                throw new ArgumentException("-Query: the root must have exactly one key, $all or $at_least_one.");
            var root = tree.First();
            if (root.Key != QueryTree.All && root.Key != QueryTree.AtLeastOne)
                throw new ArgumentException($"-Query: the root must be $all or $at_least_one over groups, not '{root.Key}'.");
            if (!(root.Value is JsonArray groups))
                throw new ArgumentException($"-Query: {root.Key} must hold an array of groups.");
            foreach (var group in groups)
            {
                if (!(group is JsonObject g) || g.Count != 1 || (!g.ContainsKey(QueryTree.All) && !g.ContainsKey(QueryTree.AtLeastOne)))
                    throw new ArgumentException(
                        $"-Query: each item under {root.Key} must be a group ({{\"$all\":[...]}} or {{\"$at_least_one\":[...]}}) of $condition objects; " +
                        "Qomon refuses a $condition directly under the root.");
            }
        }
    }
}
