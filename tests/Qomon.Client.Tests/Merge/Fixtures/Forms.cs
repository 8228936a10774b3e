using Qomon.Client.Model;

namespace Qomon.Client.Tests.Merge.Fixtures
{
    /// <summary>A space's forms of every kind and type, shaped like GET /v1/forms/type/{type} results.</summary>
    internal static class Forms
    {
        public const long Consent = 101, Support = 102, Comments = 103, Household = 104, LastVisit = 105, Presence = 106;
        public const long Topics = 301, RegionA = 303, RegionB = 304, Senior = 305, Signature = 306;
        public const long Food = 201, Skills = 202, MemberNumber = 203, Joined = 204, Score = 205;

        public static FormCatalog Catalog { get; } = new FormCatalog(All());

        public static QomonForm[] All() => new[]
        {
            Form(Consent, "Consent", "consent", "checkbox", Ref(1011, "Email", "consent_email"), Ref(1012, "SMS", "consent_sms"), Ref(1013, "Phone call", "consent_phone")),
            Form(Support, "Support level", "level_of_support", "radio", Ref(1021, "Strong supporter", "strong"), Ref(1022, "Weak", "weak"), Ref(1023, "Opposed", "opposed")),
            Form(Comments, "Comments", "survey", "text", Ref(1031, null, null)),
            Form(Household, "Household size", "survey", "numeric", Ref(1041, null, null)),
            Form(LastVisit, "Last visit", "survey", "date", Ref(1051, null, null)),
            Form(Presence, "Presence", "presence_status", "radio", Ref(1061, "Present", "present"), Ref(1062, "Absent", "absent")),
            Form(Topics, "Topics", "survey", "checkbox", Ref(3011, "Housing", "housing"), Ref(3012, "Transport", "transport"), Ref(3013, "Schools; colleges", "schools")),
            Form(RegionA, "Region", "survey", "radio", Ref(3031, "North", "north")),
            Form(RegionB, "Region", "survey", "radio", Ref(3041, "South", "south")),
            Form(Senior, "Age 65+", "survey", "radio", Ref(3051, "Yes", "yes"), Ref(3052, "No", "no")),
            Form(Signature, "Signed", "survey", "signature", Ref(3061, null, null)),
            Form(Food, "Favourite food", "custom_fields", "radio", Ref(2011, "Hamburger", "hamburger"), Ref(2012, "Salad", "salad")),
            Form(Skills, "Skills", "custom_fields", "checkbox", Ref(2021, "IT", "it"), Ref(2022, "Design", "design"), Ref(2023, "Logistics", "logistics")),
            Form(MemberNumber, "Member number", "custom_fields", "text", Ref(2031, null, null)),
            Form(Joined, "Joined", "custom_fields", "date", Ref(2041, null, null)),
            Form(Score, "Score", "custom_fields", "numeric", Ref(2051, null, null)),
        };

        private static QomonForm Form(long id, string label, string kind, string type, params QomonRefValue[] refValues)
        {
            foreach (var refValue in refValues) refValue.FormId = id;
            return new QomonForm { Id = id, Label = label, Kind = kind, Type = type, RefValues = refValues };
        }

        private static QomonRefValue Ref(long id, string? label, string? value) => new QomonRefValue { Id = id, Label = label, Value = value };
    }
}
