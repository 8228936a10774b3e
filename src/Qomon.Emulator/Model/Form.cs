namespace Qomon.Emulator.Model
{
    /// <summary>The kinds the API groups forms by (GET /v1/forms/type/{kind}).</summary>
    public static class FormKinds
    {
        public const string Consent = "consent";
        public const string LevelOfSupport = "level_of_support";
        public const string PresenceStatus = "presence_status";
        public const string CustomFields = "custom_fields";
        public const string Survey = "survey";
        public const string Tasks = "tasks";

        public static readonly IReadOnlyList<string> All = [Consent, LevelOfSupport, PresenceStatus, CustomFields, Survey, Tasks];
    }

    /// <summary>The widget type of a form; it decides how PATCH and upsert keep its answers.</summary>
    public enum FormType { Radio, Checkbox, Text, Numeric, Date }

    /// <summary>One allowed answer. Free-text forms (text, numeric, date) have exactly one, with no label or value.</summary>
    public sealed record RefValue(long Id, string? Label, string? Value);

    public sealed record Form(long Id, string Kind, string Label, FormType Type, IReadOnlyList<RefValue> RefValues)
    {
        public bool IsFreeText => Type is FormType.Text or FormType.Numeric or FormType.Date;

        public string TypeName => Type.ToString().ToLowerInvariant();

        public RefValue? FindRef(long id) => RefValues.FirstOrDefault(r => r.Id == id);

        /// <summary>Upsert matches a refvalue by its value, or by its label (observed).</summary>
        public RefValue? FindRefByValueOrLabel(string text) =>
            RefValues.FirstOrDefault(r => r.Value == text)
            ?? RefValues.FirstOrDefault(r => string.Equals(r.Label, text, StringComparison.OrdinalIgnoreCase));
    }
}
