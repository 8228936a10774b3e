using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Input;
using Qomon.Client.Json;
using Qomon.Client.Model;
using Qomon.Client.Text;
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
        public static ContactFilter Build(IDictionary<string, object?> equalities) => Build(equalities, null);

        /// <summary>
        /// The same, with the space's forms as far as they are known (none is read for it): a key that is a form's
        /// label is then told how answers are searched. The message names -Filter and each bad key, never an
        /// internal parameter.
        /// </summary>
        public static ContactFilter Build(IDictionary<string, object?> equalities, FormCatalog? forms)
        {
            if (equalities == null) throw new ArgumentNullException(nameof(equalities));
            var problems = new List<string>();
            var built = new List<FilterCondition>(equalities.Count);
            var conditionNodes = new JsonArray();
            foreach (var pair in equalities)
            {
                var condition = BuildCondition(pair.Key, pair.Value, forms, out var problem);
                if (condition == null)
                {
                    problems.Add("'" + pair.Key + "': " + problem);
                    continue;
                }
                foreach (var existing in built)
                {
                    if (existing.Field.Path == condition.Field.Path) problems.Add("'" + pair.Key + "': the field is named twice");
                }
                built.Add(condition);
                conditionNodes.Add(QueryTree.Condition(condition.Attribute, condition.Operation, condition.Value?.DeepClone()));
            }
            if (problems.Count > 0) throw new ArgumentException("-Filter " + string.Join(" ", problems.ConvertAll(MessageText.Sentence)));
            return new ContactFilter(built, QueryTree.AllOf(conditionNodes));
        }

        /// <summary>The same for a hashtable.</summary>
        public static ContactFilter FromHashtable(IDictionary equalities)
        {
            if (equalities == null) throw new ArgumentNullException(nameof(equalities));
            var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in equalities) copy[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = entry.Value;
            return Build(copy, null);
        }

        private static FilterCondition? BuildCondition(string name, object? value, FormCatalog? forms, out string? problem)
        {
            problem = null;
            if (!ContactFields.TryResolve(name ?? "", out var field))
            {
                problem = UnknownName((name ?? "").Trim(), forms);
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
            if (value is string pattern && FilterWildcard.Has(pattern))
            {
                if (!FilterWildcard.Applies(field.Type))
                {
                    problem = $"'*' wildcards work on text fields only, and {field.Path} holds {Describe(field.Type)}; give the exact value";
                    return null;
                }
                var (narrowing, literal) = FilterWildcard.ServerCondition(pattern.Trim());
                return new FilterCondition(field, attribute, narrowing, literal == null ? null : JsonValue.Create(literal), null) { Pattern = FilterWildcard.ToRegex(pattern.Trim()) };
            }

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

        // Not a field: an id (searched with -Id), an answer (searched with -Query), or a misspelt field name.
        private static string UnknownName(string name, FormCatalog? forms)
        {
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase)) return "search by id is not possible; use -Id";
            foreach (var kind in new[] { AnswerKind.FormData, AnswerKind.CustomField })
            {
                var prefix = AnswerKinds.Prefix(kind);
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    return AnswersNeedQuery(kind, forms?.Resolve(name.Substring(prefix.Length), kind).Form);
            }
            var message = UnknownFieldMessage.For(name, forms);
            var form = UnknownFieldMessage.FormNamed(name, forms);
            return form == null ? message : message + "; " + AnswersNeedQuery(form.AnswerKind, form);
        }

        private static string AnswersNeedQuery(AnswerKind kind, QomonForm? form)
        {
            var attribute = kind == AnswerKind.CustomField ? SearchAttributes.CustomFields : SearchAttributes.Form;
            var formId = form == null ? "<id from Get-QomonForm>" : form.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return "-Filter searches contact fields, not answers: search answers with -Query @{ '$all' = @(@{ '$all' = @(@{ '$condition' = @{ " +
                   $"attr = '{attribute}'; ope = 'eql'; form_id = {formId}; value = '<stored value>' }} }}) }}) }}";
        }

        private static string Describe(ContactFieldType type)
        {
            switch (type)
            {
                case ContactFieldType.Tags: return "tag names (give whole names: tags = 'volunteer;donor')";
                case ContactFieldType.IdList: return "ids";
                case ContactFieldType.Date: return "a date";
                case ContactFieldType.Bool: return "true or false";
                case ContactFieldType.Gender: return "F, M or O";
                default: return "numbers";
            }
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
            if (condition.Pattern != null) return JsonRead.GetText(actual) is string text && text.Trim().Length > 0 && condition.Pattern.IsMatch(text.Trim());
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
