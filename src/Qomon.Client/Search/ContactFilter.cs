using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.WriteShape;

namespace Qomon.Client.Search
{
    /// <summary>
    /// Get-QomonContact -Filter: field = value pairs, all of which must hold exactly. Qomon's eql is a
    /// case-insensitive token or prefix match (city eql "Test" finds "Testville"), so the query only narrows the
    /// search and Matches makes the exact, case-insensitive check on each contact returned.
    /// </summary>
    public sealed class ContactFilter
    {
        private readonly List<FilterCondition> _conditions;

        private ContactFilter(List<FilterCondition> conditions, JsonObject query)
        {
            _conditions = conditions;
            Query = query;
            Matches = IsMatch;
        }

        /// <summary>The two-level query tree to send: root $all over one $all group of conditions ({"$all":[]} when empty).</summary>
        public JsonObject Query { get; }

        /// <summary>The exact client-side check: true when every equality holds on the contact (text compared ignoring case).</summary>
        public Func<JsonObject, bool> Matches { get; }

        public IReadOnlyList<FilterCondition> Conditions => _conditions;

        /// <summary>Builds the filter; names follow the input rules (mail, Email, City, address.city...). Throws ArgumentException naming every bad entry.</summary>
        public static ContactFilter Build(IDictionary<string, object?> equalities)
        {
            if (equalities == null) throw new ArgumentNullException(nameof(equalities));
            var problems = new StringBuilder();
            var built = new List<FilterCondition>(equalities.Count);
            var conditionNodes = new JsonArray();
            foreach (var pair in equalities)
            {
                var condition = BuildCondition(pair.Key, pair.Value, out var problem);
                if (condition == null)
                {
                    if (problems.Length > 0) problems.Append("; ");
                    problems.Append('\'').Append(pair.Key).Append("': ").Append(problem);
                    continue;
                }
                foreach (var existing in built)
                {
                    if (existing.Field.Path == condition.Field.Path)
                    {
                        if (problems.Length > 0) problems.Append("; ");
                        problems.Append('\'').Append(pair.Key).Append("': the field is named twice");
                    }
                }
                built.Add(condition);
                conditionNodes.Add(QueryTree.Condition(condition.Attribute, condition.Operation, condition.Value?.DeepClone()));
            }
            if (problems.Length > 0) throw new ArgumentException("Invalid filter: " + problems, nameof(equalities));
            return new ContactFilter(built, QueryTree.AllOf(conditionNodes));
        }

        /// <summary>The same for a hashtable.</summary>
        public static ContactFilter FromHashtable(IDictionary equalities)
        {
            if (equalities == null) throw new ArgumentNullException(nameof(equalities));
            var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in equalities) copy[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = entry.Value;
            return Build(copy);
        }

        private static FilterCondition? BuildCondition(string name, object? value, out string? problem)
        {
            problem = null;
            if (!ContactFields.TryResolve(name ?? "", out var field))
            {
                problem = string.Equals((name ?? "").Trim(), "id", StringComparison.OrdinalIgnoreCase) ? "search by id is not possible; use -Id" : "unknown field";
                return null;
            }
            if (!SearchAttributes.IsSearchable(field))
            {
                problem = "Qomon cannot search on this field";
                return null;
            }
            var attribute = SearchAttributes.Of(field);
            if (value == null || (value is string blank && blank.Trim().Length == 0))
                return new FilterCondition(field, attribute, SearchOperators.NotExt, null, null);

            if (field.Type == ContactFieldType.Tags || field.Type == ContactFieldType.IdList)
            {
                var items = new List<string>();
                foreach (var item in InputValues.IsList(value) || value is string ? InputValues.ItemsOf(value) : new List<object?> { value })
                {
                    var text = item is string s ? s.Trim() : item != null && InputValues.IsNumber(item) ? InputValues.NumberText(item) : null;
                    if (string.IsNullOrEmpty(text)) { problem = "expected names or numbers"; return null; }
                    if (field.Type == ContactFieldType.IdList && !long.TryParse(text, out _)) { problem = $"'{text}' is not an id"; return null; }
                    items.Add(text!);
                }
                var list = new JsonArray();
                foreach (var item in items)
                {
                    if (field.Type == ContactFieldType.IdList) list.Add(long.Parse(item, System.Globalization.CultureInfo.InvariantCulture));
                    else list.Add(item);
                }
                return new FilterCondition(field, attribute, SearchOperators.AllOf, list, items);
            }

            if (InputValues.IsList(value) || InputValues.IsMap(value))
            {
                problem = $"expected one value, got {InputValues.Describe(value)}";
                return null;
            }
            var node = FieldValueReader.Read(field, value, 10000, out problem);
            if (node == null) return null;
            // Exact search exists for email only (qomon-api.md §3.6); elsewhere eql narrows and Matches decides.
            var operation = field.Type == ContactFieldType.Email ? SearchOperators.EqlStrict : SearchOperators.Eql;
            return new FilterCondition(field, attribute, operation, node, null);
        }

        private bool IsMatch(JsonObject contact)
        {
            if (contact == null) return false;
            foreach (var condition in _conditions)
            {
                if (!Holds(contact, condition)) return false;
            }
            return true;
        }

        private static bool Holds(JsonObject contact, FilterCondition condition)
        {
            var actual = ValueOf(contact, condition.Field);
            if (condition.Value == null) return JsonRead.IsBlank(actual) || (actual is JsonArray empty && empty.Count == 0);
            if (condition.Items != null)
            {
                var present = condition.Field.Type == ContactFieldType.Tags ? TagShape.NamesOf(actual) : TextsOf(actual);
                foreach (var item in condition.Items)
                {
                    if (TagShape.IndexOf(present, item) < 0) return false;
                }
                return true;
            }
            var actualText = JsonRead.GetText(actual);
            var expectedText = JsonRead.GetText(condition.Value);
            if (actualText == null || expectedText == null) return false;
            actualText = actualText.Trim();
            if (string.Equals(actualText, expectedText, StringComparison.OrdinalIgnoreCase)) return true;
            return JsonSemantics.AreEqual(JsonValue.Create(actualText), condition.Value);
        }

        private static JsonNode? ValueOf(JsonObject contact, ContactField field)
        {
            if (!field.IsAddressPart) return ContactDiff.TopLevel(contact, field.Path);
            if (!contact.TryGetPropertyValue(ContactFields.AddressKey, out var address) || !(address is JsonObject parts)) return null;
            parts.TryGetPropertyValue(field.Key, out var value);
            return value;
        }

        private static List<string> TextsOf(JsonNode? node)
        {
            var texts = new List<string>();
            if (!(node is JsonArray list)) return texts;
            foreach (var item in list)
            {
                var text = JsonRead.GetText(item);
                if (text != null) texts.Add(text);
            }
            return texts;
        }
    }
}
