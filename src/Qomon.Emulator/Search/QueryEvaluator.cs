using System.Globalization;
using System.Text.Json;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Problems;
using Qomon.Emulator.Seeding;

namespace Qomon.Emulator.Search
{
    /// <summary>
    /// Compiles a search tree into a predicate, once per request, so that scanning 50,000 contacts is a tight loop.
    /// The tree has exactly two levels: a root $all / $at_least_one over groups, each group $all / $at_least_one
    /// over {"$condition":…}. Anything else is a 422 naming where it went wrong, as Qomon answers a malformed tree.
    /// </summary>
    public sealed class QueryEvaluator(FormCatalog forms, DateTime now)
    {
        public const string QueryLocation = "data.advanced_search.query";
        private const string All = "$all";
        private const string AtLeastOne = "$at_least_one";

        public Func<Contact, bool> Compile(JsonElement? query) =>
            query is { ValueKind: not JsonValueKind.Null } q ? Level(q, QueryLocation, isRoot: true) : _ => true;

        private Func<Contact, bool> Level(JsonElement node, string location, bool isRoot)
        {
            if (node.ValueKind != JsonValueKind.Object || node.EnumerateObject().Count() != 1)
                throw Invalid(location, $"must be an object with one key, {All} or {AtLeastOne}", node);
            var (op, items) = (node.EnumerateObject().First().Name, node.EnumerateObject().First().Value);
            if (op is not (All or AtLeastOne))
                throw Invalid(location, op == "$condition"
                    ? "a $condition must sit inside a group ($all or $at_least_one), not directly under the root"
                    : $"unknown combinator '{op}'; use {All} or {AtLeastOne}", node);
            if (items.ValueKind != JsonValueKind.Array)
                throw Invalid($"{location}.{op}", "must be an array", items);

            var parts = new List<Func<Contact, bool>>();
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var at = $"{location}.{op}[{i++}]";
                var isCondition = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("$condition", out _);
                if (isRoot && isCondition)
                    throw Invalid(at, "a $condition must sit inside a group ($all or $at_least_one), not directly under the root", item);
                if (!isRoot && !isCondition)
                    throw Invalid(at, "a group holds only {\"$condition\":{…}} objects: the tree has exactly two levels", item);
                parts.Add(isRoot ? Level(item, at, isRoot: false) : Condition(item.GetProperty("$condition"), at + ".$condition"));
            }

            var compiled = parts.ToArray();
            if (compiled.Length == 0) return _ => true;
            if (op == All) return c => Array.TrueForAll(compiled, p => p(c));
            return c => Array.Exists(compiled, p => p(c));
        }

        private Func<Contact, bool> Condition(JsonElement condition, string location)
        {
            if (condition.ValueKind != JsonValueKind.Object) throw Invalid(location, "must be an object", condition);
            var attr = RequiredString(condition, "attr", location);
            var ope = RequiredString(condition, "ope", location);
            var c = new ConditionParts(condition, location, ope);

            // Negated operators are their positive twin, inverted.
            var negated = ope.StartsWith("not_", StringComparison.Ordinal) || ope == "none_of";
            var positive = ope == "none_of" ? "any_of" : negated ? ope[4..] : ope;
            var test = attr is "form" or "custom_fields"
                ? FormTest(attr, positive, c)
                : AttributeTest(attr, positive, c);
            return negated ? contact => !test(contact) : test;
        }

        private Func<Contact, bool> AttributeTest(string name, string ope, ConditionParts c)
        {
            var attribute = ContactAttributes.Find(name)
                ?? throw Invalid($"{c.Location}.attr", $"unknown attribute '{name}'", c.Element.GetProperty("attr"));
            var read = attribute.Read;
            if (ope == "ext") return contact => HasValue(read(contact));

            switch (attribute.Kind)
            {
                case AttributeKind.Text:
                    return TextTest(ope, c, contact => (string?)read(contact));
                case AttributeKind.TextList:
                    if (ope is "any_of" or "all_of")
                    {
                        var wanted = c.StringList();
                        return ope == "any_of"
                            ? contact => ((IReadOnlyList<string>)read(contact)!).Any(t => wanted.Contains(t, StringComparer.OrdinalIgnoreCase))
                            : contact => wanted.All(w => ((IReadOnlyList<string>)read(contact)!).Contains(w, StringComparer.OrdinalIgnoreCase));
                    }
                    var each = TextTest(ope, c, s => s);
                    return contact => ((IReadOnlyList<string>)read(contact)!).Any(t => each(t));
                case AttributeKind.Number:
                    var number = NumberTest(ope, c);
                    return contact => number((long?)read(contact));
                case AttributeKind.NumberList:
                    if (ope is "any_of" or "all_of" or "eql")
                    {
                        var wanted = c.NumberList();
                        return ope == "all_of"
                            ? contact => wanted.All(((IReadOnlyList<long>)read(contact)!).Contains)
                            : contact => ((IReadOnlyList<long>)read(contact)!).Any(wanted.Contains);
                    }
                    throw c.Unsupported(name);
                case AttributeKind.Bool:
                    if (ope != "eql") throw c.Unsupported(name);
                    var expected = c.Bool();
                    return contact => (bool?)read(contact) == expected;
                default:
                    var date = DateTest(ope, c, name);
                    return contact => date((DateTime?)read(contact));
            }
        }

        private Func<Contact, bool> TextTest(string ope, ConditionParts c, Func<Contact, string?> read)
        {
            var test = TextTest(ope, c, (string? s) => s);
            return contact => test(read(contact));
        }

        private static Func<string?, bool> TextTest(string ope, ConditionParts c, Func<string?, string?> read)
        {
            switch (ope)
            {
                case "ext": return s => !string.IsNullOrEmpty(read(s));
                case "any_of":
                    var options = c.StringList();
                    return s => options.Any(o => TextMatch.SameIgnoringCase(read(s), o));
            }
            if (ope == "range")
            {
                var (from, to) = (c.Text("from"), c.Text("to"));
                return s => read(s) is { } t && TextMatch.Compare(t, from) >= 0 && TextMatch.Compare(t, to) <= 0;
            }
            var value = c.Text("value");
            return ope switch
            {
                "eql" => s => TextMatch.TokenOrPrefix(read(s), value),
                "eql:strictdata" => s => string.Equals(read(s), value, StringComparison.Ordinal),
                "contains" => s => TextMatch.Contains(read(s), value),
                "start_with" => s => TextMatch.StartsWith(read(s), value),
                "gte" => s => read(s) is { } t && TextMatch.Compare(t, value) >= 0,
                "lte" => s => read(s) is { } t && TextMatch.Compare(t, value) <= 0,
                _ => throw c.Unsupported("a text attribute"),
            };
        }

        private static Func<decimal?, bool> NumberTest(string ope, ConditionParts c)
        {
            if (ope == "any_of")
            {
                var options = c.NumberList();
                return n => n is { } v && options.Contains((long)v);
            }
            if (ope == "range")
            {
                var (from, to) = (c.Number("from"), c.Number("to"));
                return n => n is { } v && v >= from && v <= to;
            }
            var value = c.Number("value");
            return ope switch
            {
                "eql" or "eql:strictdata" => n => n == value,
                "gte" => n => n >= value,
                "lte" => n => n <= value,
                _ => throw c.Unsupported("a numeric attribute"),
            };
        }

        private Func<DateTime?, bool> DateTest(string ope, ConditionParts c, string name)
        {
            var today = now.Date;
            switch (ope)
            {
                case "today" when name == "birthday":
                    return d => d is { } v && v.Month == today.Month && v.Day == today.Day;
                case "today":
                    return d => d?.Date == today;
                case "range":
                    var (from, to) = (c.Date("from", now, roundUp: false), c.Date("to", now, roundUp: true));
                    return d => d is { } v && v >= from && v <= to;
                case "gte":
                    var lower = c.Date("value", now, roundUp: false);
                    return d => d >= lower;
                case "lte":
                    var upper = c.Date("value", now, roundUp: true);
                    return d => d <= upper;
                case "eql":
                    var day = c.Date("value", now, roundUp: false).Date;
                    return d => d?.Date == day;
                default:
                    throw c.Unsupported(name);
            }
        }

        /// <summary>
        /// Conditions on answers: {"attr":"form"|"custom_fields","form_id":N,"form_ref_ids":[…],"value":…}.
        /// "ext" ignores form_ref_ids, as observed on the live API.
        /// </summary>
        private Func<Contact, bool> FormTest(string attr, string ope, ConditionParts c)
        {
            var formIdElement = c.Element.TryGetProperty("form_id", out var f) ? f : default;
            var form = formIdElement.ValueKind == JsonValueKind.Number && formIdElement.TryGetInt64(out var formId) ? forms.Find(formId) : null;
            if (form is null || (form.Kind == FormKinds.CustomFields) != (attr == "custom_fields"))
                throw Invalid($"{c.Location}.form_id", $"must be the id of a known {(attr == "form" ? "form" : "custom field")}", formIdElement);

            Func<Contact, IEnumerable<FormAnswer>> answers = attr == "form"
                ? contact => contact.FormDatas.Where(a => a.FormId == form.Id)
                : contact => contact.CustomFields.Where(a => a.FormId == form.Id);

            if (ope == "ext") return contact => answers(contact).Any();
            var hasRefs = c.Element.TryGetProperty("form_ref_ids", out _);
            if (ope is "any_of" or "all_of" || (ope == "eql" && hasRefs && !c.Element.TryGetProperty("value", out _)))
            {
                var refs = c.NumberList("form_ref_ids");
                return ope == "all_of"
                    ? contact => refs.All(r => answers(contact).Any(a => a.FormRefId == r))
                    : contact => answers(contact).Any(a => refs.Contains(a.FormRefId));
            }
            if (form.Type == FormType.Numeric && ope is "gte" or "lte" or "range" or "eql")
            {
                var number = NumberTest(ope, c);
                return contact => answers(contact).Any(a => number(ParseNumber(a.Data)));
            }
            if (form.Type == FormType.Date && ope is "gte" or "lte" or "range" or "eql")
            {
                var date = DateTest(ope, c, "form");
                return contact => answers(contact).Any(a => date(QomonDates.TryParse(a.Data, out var d) ? d : null));
            }
            var text = TextTest(ope, c, (string? s) => s);
            return contact => answers(contact).Any(a => text(a.Data));
        }

        private static decimal? ParseNumber(string? s) =>
            decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

        private static bool HasValue(object? value) => value switch
        {
            null => false,
            string s => s.Length > 0,
            System.Collections.ICollection list => list.Count > 0,
            _ => true,
        };

        private static string RequiredString(JsonElement e, string name, string location) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw Invalid($"{location}.{name}", "is required and must be a string", v.ValueKind == JsonValueKind.Undefined ? null : v);

        internal static ProblemException Invalid(string location, string message, JsonElement? value) =>
            ProblemException.Unprocessable("The search query is not valid.", [new FieldError(location, message, value?.Clone())]);
    }
}
