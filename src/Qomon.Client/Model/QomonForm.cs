using System.Collections.Generic;

namespace Qomon.Client.Model
{
    /// <summary>A Qomon form (an "advanced field"): consent, level of support, survey question, custom field...</summary>
    public sealed class QomonForm
    {
        public long Id { get; set; }
        public string Label { get; set; } = "";
        /// <summary>How answers are kept: radio, checkbox, text, numeric, date, range, other...</summary>
        public string Type { get; set; } = "";
        /// <summary>Which family it was listed under: consent, level_of_support, presence_status, survey, custom_fields, tasks.</summary>
        public string Kind { get; set; } = "";
        public IList<QomonRefValue> RefValues { get; set; } = new List<QomonRefValue>();

        /// <summary>Custom fields travel in the contact's custom_fields list; every other kind in formdatas.</summary>
        public bool IsCustomField => Kind == "custom_fields";

        /// <summary>Free-text forms hold one refvalue without label or value; the answer goes in data.</summary>
        public bool IsFreeText => Type == "text" || Type == "numeric" || Type == "date";

        /// <summary>Radio and checkbox answers are refvalue slugs; checkbox keeps several at once.</summary>
        public bool IsChoice => Type == "radio" || Type == "checkbox";

        /// <summary>Multi-select: a contact may hold several of its values.</summary>
        public bool IsCheckbox => Type == "checkbox";

        /// <summary>Where this form's answers live on a contact.</summary>
        public AnswerKind AnswerKind => IsCustomField ? AnswerKind.CustomField : AnswerKind.FormData;

        public override string ToString() => $"{Kind} {Id} '{Label}' ({Type})";
    }

    /// <summary>One allowed value of a form; its id is a formdata's form_ref_id, its value the stored slug.</summary>
    public sealed class QomonRefValue
    {
        public long Id { get; set; }
        public long FormId { get; set; }
        public string? Label { get; set; }
        public string? Value { get; set; }

        public override string ToString() => Label ?? Value ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
