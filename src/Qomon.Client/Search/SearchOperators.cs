using System;
using System.Collections.Generic;

namespace Qomon.Client.Search
{
    /// <summary>The operators ("ope") of a search condition Qomon documents (qomon-api.md §3.6).</summary>
    public static class SearchOperators
    {
        public const string Eql = "eql";
        public const string EqlStrict = "eql:strictdata";
        public const string AllOf = "all_of";
        public const string Gte = "gte";
        public const string NotExt = "not_ext";
        public const string Ext = "ext";
        public const string StartWith = "start_with";
        public const string Contains = "contains";

        /// <summary>Compares between the condition's from and to, which it needs both.</summary>
        public const string Range = "range";

        private static readonly string[] KnownList =
        {
            Eql, "not_eql", EqlStrict, "not_eql:strictdata", Contains, "not_contains", StartWith, "not_start_with",
            Ext, NotExt, Gte, "lte", Range, "any_of", "none_of", AllOf, "period", "today",
        };

        private static readonly HashSet<string> KnownSet = new HashSet<string>(KnownList, StringComparer.Ordinal);

        /// <summary>Every operator, in the order the API notes list them.</summary>
        public static IReadOnlyList<string> Known => KnownList;

        public static bool IsKnown(string operation) => KnownSet.Contains(operation);
    }
}
