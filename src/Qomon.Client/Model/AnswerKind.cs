namespace Qomon.Client.Model
{
    /// <summary>The two lists a contact keeps form answers in: formdatas (surveys, consents...) and custom_fields.</summary>
    public enum AnswerKind
    {
        /// <summary>The contact's formdatas list; named form:&lt;label or id&gt; in input.</summary>
        FormData,

        /// <summary>The contact's custom_fields list (customfields in some responses); named custom:&lt;label or id&gt; in input.</summary>
        CustomField,
    }

    /// <summary>JSON keys and input prefixes of each answer kind.</summary>
    public static class AnswerKinds
    {
        public const string FormDatasKey = "formdatas";
        public const string CustomFieldsKey = "custom_fields";

        /// <summary>The key older docs and some responses use for custom fields; read, never written.</summary>
        public const string CustomFieldsLegacyKey = "customfields";

        public const string FormPrefix = "form:";
        public const string CustomPrefix = "custom:";

        public static string JsonKey(AnswerKind kind) => kind == AnswerKind.CustomField ? CustomFieldsKey : FormDatasKey;

        public static string Prefix(AnswerKind kind) => kind == AnswerKind.CustomField ? CustomPrefix : FormPrefix;

        /// <summary>The stable path of one form's answers, as ContactChanges.TouchedPaths and ConflictDetector use it: form:123, custom:45.</summary>
        public static string PathOf(AnswerKind kind, long formId) =>
            Prefix(kind) + formId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
