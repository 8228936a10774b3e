using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Builds Qomon's search query tree, which has exactly two levels: a root $all (AND) or $at_least_one (OR) over
    /// groups, each group $all or $at_least_one over {"$condition":{attr, ope, value}} (a condition directly under
    /// the root is answered with 422).
    /// </summary>
    public static class QueryTree
    {
        public const string All = "$all";
        public const string AtLeastOne = "$at_least_one";
        public const string ConditionKey = "$condition";

        /// <summary>{"$all":[]}: every contact.</summary>
        public static JsonObject MatchAll() => new JsonObject { [All] = new JsonArray() };

        /// <summary>{"$condition":{"attr":attr,"ope":ope,"value":value}} (value left out when null, as for ext/not_ext).</summary>
        public static JsonObject Condition(string attribute, string operation, JsonNode? value)
        {
            var condition = new JsonObject { ["attr"] = attribute, ["ope"] = operation };
            if (value != null) condition["value"] = value;
            return new JsonObject { [ConditionKey] = condition };
        }

        /// <summary>The root $all over one $all group holding the conditions.</summary>
        public static JsonObject AllOf(JsonArray conditions) =>
            conditions.Count == 0 ? MatchAll() : new JsonObject { [All] = new JsonArray(new JsonObject { [All] = conditions }) };

        /// <summary>
        /// The query AND one more condition, still two levels deep: under a root $all the condition joins the first
        /// $all group (or a new group); under a root $at_least_one it joins every alternative (an $at_least_one group is split into one $all group per condition).
        /// The input is not changed.
        /// </summary>
        public static JsonObject And(JsonObject? query, JsonObject condition)
        {
            if (condition == null) throw new ArgumentNullException(nameof(condition));
            if (query == null || IsMatchAll(query)) return AllOf(new JsonArray(condition.DeepClone()));
            var copy = (JsonObject)query.DeepClone();
            if (copy.Count != 1) throw new ArgumentException("A query's root must be one $all or $at_least_one.", nameof(query));
            if (copy.TryGetPropertyValue(All, out var allNode) && allNode is JsonArray groups)
            {
                foreach (var group in groups)
                {
                    if (group is JsonObject g && g.TryGetPropertyValue(All, out var members) && members is JsonArray list)
                    {
                        list.Add(condition.DeepClone());
                        return copy;
                    }
                }
                groups.Add(new JsonObject { [All] = new JsonArray(condition.DeepClone()) });
                return copy;
            }
            if (copy.TryGetPropertyValue(AtLeastOne, out var anyNode) && anyNode is JsonArray alternatives)
            {
                var groupsWithCondition = new JsonArray();
                foreach (var group in alternatives)
                {
                    foreach (var allGroup in AsAllGroups(group))
                    {
                        ((JsonArray)allGroup[All]!).Add(condition.DeepClone());
                        groupsWithCondition.Add(allGroup);
                    }
                }
                return new JsonObject { [AtLeastOne] = groupsWithCondition };
            }
            throw new ArgumentException("A query's root must be $all or $at_least_one over a list of groups.", nameof(query));
        }

        // Under a root $at_least_one an $at_least_one group only adds alternatives ((a OR b) OR c is a OR b OR c), so
        // it becomes one $all group per condition, and every group can take one more condition within two levels.
        private static List<JsonObject> AsAllGroups(JsonNode? group)
        {
            var groups = new List<JsonObject>();
            if (group is JsonObject g && g.Count == 1)
            {
                if (g.TryGetPropertyValue(All, out var members) && members is JsonArray)
                {
                    groups.Add((JsonObject)g.DeepClone());
                    return groups;
                }
                if (g.TryGetPropertyValue(AtLeastOne, out var alternatives) && alternatives is JsonArray list)
                {
                    foreach (var condition in list) groups.Add(new JsonObject { [All] = new JsonArray(condition?.DeepClone()) });
                    return groups;
                }
            }
            throw new ArgumentException("A query's groups must each be one $all or $at_least_one over conditions.", "query");
        }

        private static bool IsMatchAll(JsonObject query) =>
            query.Count == 1 && query.TryGetPropertyValue(All, out var node) && node is JsonArray list && list.Count == 0;
    }
}
