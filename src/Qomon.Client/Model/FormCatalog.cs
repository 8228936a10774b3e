using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Qomon.Client.Model
{
    /// <summary>
    /// Every form of every kind (consent, level_of_support, presence_status, survey, custom_fields, tasks),
    /// so that input can name answers by label or id and output can show labels instead of ids.
    /// </summary>
    public sealed class FormCatalog
    {
        private readonly Dictionary<long, QomonForm> _byId = new Dictionary<long, QomonForm>();
        private readonly Dictionary<string, List<QomonForm>> _byLabel = new Dictionary<string, List<QomonForm>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<QomonForm> _forms = new List<QomonForm>();

        public FormCatalog(IEnumerable<QomonForm> forms)
        {
            if (forms == null) throw new ArgumentNullException(nameof(forms));
            foreach (var form in forms)
            {
                if (form == null || _byId.ContainsKey(form.Id)) continue; // a form listed under two kinds counts once
                _byId.Add(form.Id, form);
                _forms.Add(form);
                var label = (form.Label ?? "").Trim();
                if (label.Length == 0) continue;
                if (!_byLabel.TryGetValue(label, out var sameLabel))
                {
                    sameLabel = new List<QomonForm>(1);
                    _byLabel.Add(label, sameLabel);
                }
                sameLabel.Add(form);
            }
        }

        /// <summary>A catalogue without forms: answers cannot be named, everything else works.</summary>
        public static FormCatalog Empty { get; } = new FormCatalog(Array.Empty<QomonForm>());

        public IReadOnlyList<QomonForm> Forms => _forms;

        public bool TryGet(long id, out QomonForm form) => _byId.TryGetValue(id, out form!);

        public QomonForm? Find(long id) => _byId.TryGetValue(id, out var form) ? form : null;

        /// <summary>
        /// Finds a form by id (digits) or label (case-insensitive, surrounding spaces ignored), among the forms of
        /// one answer kind. A label shared by several forms is ambiguous: the problem names their ids so the caller
        /// can use the id instead. A label of the other kind gets a hint to use the other prefix.
        /// </summary>
        public FormLookup Resolve(string labelOrId, AnswerKind kind)
        {
            var key = (labelOrId ?? "").Trim();
            var prefix = AnswerKinds.Prefix(kind);
            if (key.Length == 0) return FormLookup.Fail($"'{prefix}' needs a form label or id after the colon");

            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _byId.TryGetValue(id, out var byNumber))
            {
                if (byNumber.AnswerKind != kind) return FormLookup.Fail(WrongKind(byNumber, key));
                return FormLookup.Found(byNumber);
            }

            if (_byLabel.TryGetValue(key, out var candidates))
            {
                QomonForm? match = null;
                var count = 0;
                foreach (var candidate in candidates)
                {
                    if (candidate.AnswerKind != kind) continue;
                    match = candidate;
                    count++;
                }
                if (count == 1) return FormLookup.Found(match!);
                if (count > 1) return FormLookup.Fail($"the label '{key}' is ambiguous: forms {JoinIds(candidates, kind)} share it; use {prefix}<id>");
                return FormLookup.Fail(WrongKind(candidates[0], key));
            }

            var message = new StringBuilder();
            message.Append(kind == AnswerKind.CustomField ? "no custom field " : "no form ").Append('\'').Append(key).Append('\'');
            var suggestion = NameSuggestion.Closest(key, LabelsOf(kind));
            if (suggestion != null) message.Append("; did you mean '").Append(prefix).Append(suggestion).Append("'?");
            else if (_forms.Count == 0) message.Append(" (no forms are known: were the forms read?)");
            return FormLookup.Fail(message.ToString());
        }

        /// <summary>
        /// Finds a choice form's value by its refvalue id, stored value (slug) or label, in that order, each
        /// case-insensitive; spreadsheets show labels, the API stores slugs, and both must work.
        /// </summary>
        public static QomonRefValue? FindRefValue(QomonForm form, string text)
        {
            var key = (text ?? "").Trim();
            if (key.Length == 0) return null;
            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                foreach (var refValue in form.RefValues)
                {
                    if (refValue.Id == id) return refValue;
                }
            }
            foreach (var refValue in form.RefValues)
            {
                if (string.Equals(refValue.Value, key, StringComparison.OrdinalIgnoreCase)) return refValue;
            }
            foreach (var refValue in form.RefValues)
            {
                if (refValue.Label != null && string.Equals(refValue.Label.Trim(), key, StringComparison.OrdinalIgnoreCase)) return refValue;
            }
            return null;
        }

        /// <summary>The allowed values of a choice form as "label (slug)", for error messages.</summary>
        public static string DescribeAllowedValues(QomonForm form)
        {
            var text = new StringBuilder();
            foreach (var refValue in form.RefValues)
            {
                if (text.Length > 0) text.Append(", ");
                if (text.Length > 400) { text.Append("..."); break; }
                var label = refValue.Label;
                var value = refValue.Value;
                if (!string.IsNullOrEmpty(label) && !string.IsNullOrEmpty(value) && !string.Equals(label, value, StringComparison.OrdinalIgnoreCase))
                    text.Append('\'').Append(label).Append("' (").Append(value).Append(')');
                else
                    text.Append('\'').Append(!string.IsNullOrEmpty(label) ? label : value ?? refValue.Id.ToString(CultureInfo.InvariantCulture)).Append('\'');
            }
            return text.Length == 0 ? "(none)" : text.ToString();
        }

        /// <summary>How an answer reads for people: the refvalue label for choices, the data itself for free text.</summary>
        public string DisplayAnswer(long formId, long? refId, string? data)
        {
            if (_byId.TryGetValue(formId, out var form) && !form.IsFreeText && refId.HasValue)
            {
                foreach (var refValue in form.RefValues)
                {
                    if (refValue.Id == refId.Value) return refValue.Label ?? refValue.Value ?? data ?? "";
                }
            }
            return data ?? "";
        }

        /// <summary>How a form's answers are named for people: form:Label or custom:Label (the id when unknown).</summary>
        public string DisplayPath(AnswerKind kind, long formId)
        {
            if (_byId.TryGetValue(formId, out var form) && !string.IsNullOrWhiteSpace(form.Label)) return AnswerKinds.Prefix(kind) + form.Label;
            return AnswerKinds.PathOf(kind, formId);
        }

        private IEnumerable<string> LabelsOf(AnswerKind kind)
        {
            foreach (var form in _forms)
            {
                if (form.AnswerKind == kind && !string.IsNullOrWhiteSpace(form.Label)) yield return form.Label;
            }
        }

        private static string WrongKind(QomonForm form, string key) =>
            form.IsCustomField
                ? $"'{key}' is a custom field: name it {AnswerKinds.CustomPrefix}{key}"
                : $"'{key}' is a {(string.IsNullOrEmpty(form.Kind) ? "form" : form.Kind)} form, not a custom field: name it {AnswerKinds.FormPrefix}{key}";

        private static string JoinIds(List<QomonForm> candidates, AnswerKind kind)
        {
            var text = new StringBuilder();
            foreach (var candidate in candidates)
            {
                if (candidate.AnswerKind != kind) continue;
                if (text.Length > 0) text.Append(", ");
                text.Append(candidate.Id.ToString(CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }
    }

    /// <summary>The outcome of FormCatalog.Resolve: a form, or a problem saying why not.</summary>
    public readonly struct FormLookup
    {
        private FormLookup(QomonForm? form, string? problem)
        {
            Form = form;
            Problem = problem;
        }

        public QomonForm? Form { get; }
        public string? Problem { get; }

        internal static FormLookup Found(QomonForm form) => new FormLookup(form, null);
        internal static FormLookup Fail(string problem) => new FormLookup(null, problem);
    }
}
