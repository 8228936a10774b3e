using Qomon.Emulator.Model;

namespace Qomon.Emulator.Seeding
{
    /// <summary>
    /// The forms every space has. Fixed (not drawn from the random seed) so that tests, the demo and the README can
    /// name them. Ids look like the real ones: 5-digit form ids, 6-digit custom-field ids. Labels are unique
    /// across all forms, because upsert may name a form by its label.
    /// </summary>
    public sealed class FormCatalog
    {
        public static readonly FormCatalog Default = new(
        [
            Choice(47566, FormKinds.Consent, "Consents", FormType.Checkbox, 15648,
                ("consent_email", "Email"), ("consent_sms", "SMS"), ("consent_phone", "Phone call"), ("consent_mail", "Postal mail")),
            Choice(47570, FormKinds.LevelOfSupport, "Level of support", FormType.Radio, 15660,
                ("strong_support", "Strong support"), ("support", "Support"), ("undecided", "Undecided"), ("opposed", "Opposed"), ("strong_opposition", "Strong opposition")),
            Choice(47575, FormKinds.PresenceStatus, "Presence", FormType.Radio, 15670,
                ("present", "Present"), ("absent", "Absent"), ("moved", "Moved out"), ("refused", "Refused to talk")),
            Choice(47580, FormKinds.Survey, "Main concern", FormType.Radio, 15680,
                ("housing", "Housing"), ("transport", "Transport"), ("environment", "Environment"), ("safety", "Safety"), ("schools", "Schools")),
            Choice(47581, FormKinds.Survey, "Volunteer interests", FormType.Checkbox, 15690,
                ("door_knocking", "Door knocking"), ("phone_banking", "Phone banking"), ("events", "Events"), ("leafleting", "Leafleting")),
            FreeText(47582, FormKinds.Survey, "Survey comment", FormType.Text, 15695),
            FreeText(47583, FormKinds.Survey, "Household size", FormType.Numeric, 15696),
            Choice(47590, FormKinds.Tasks, "Follow-up", FormType.Checkbox, 15700,
                ("call_back", "Call back"), ("send_information", "Send information"), ("invite_to_event", "Invite to event")),
            FreeText(47591, FormKinds.Tasks, "Visit date", FormType.Date, 15705),
            Choice(879854, FormKinds.CustomFields, "Favourite food", FormType.Radio, 98741,
                ("hamburger", "Hamburger"), ("pizza", "Pizza"), ("salad", "Salad"), ("couscous", "Couscous")),
            Choice(879855, FormKinds.CustomFields, "Skills", FormType.Checkbox, 98750,
                ("it", "IT"), ("legal", "Legal"), ("design", "Design"), ("driving", "Driving"), ("translation", "Translation")),
            FreeText(879856, FormKinds.CustomFields, "Membership notes", FormType.Text, 98760),
            FreeText(879857, FormKinds.CustomFields, "Member since", FormType.Date, 98761),
            FreeText(879858, FormKinds.CustomFields, "Donation total", FormType.Numeric, 98762),
        ]);

        /// <summary>When the forms were "created" in the space settings; fixed so that output is stable.</summary>
        public static readonly DateTime CreatedAt = new(2024, 3, 4, 9, 15, 27, 512, 318, DateTimeKind.Utc);

        private readonly Dictionary<long, Form> _byId;

        public FormCatalog(IReadOnlyList<Form> forms)
        {
            Forms = forms;
            _byId = forms.ToDictionary(f => f.Id);
        }

        public IReadOnlyList<Form> Forms { get; }

        public Form? Find(long id) => _byId.GetValueOrDefault(id);

        public IEnumerable<Form> OfKind(string kind) => Forms.Where(f => f.Kind == kind);

        public Form? FindByLabel(string label)
        {
            var matches = Forms.Where(f => string.Equals(f.Label, label, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static Form Choice(long id, string kind, string label, FormType type, long firstRefId, params (string Value, string Label)[] refs) =>
            new(id, kind, label, type, refs.Select((r, i) => new RefValue(firstRefId + i, r.Label, r.Value)).ToList());

        private static Form FreeText(long id, string kind, string label, FormType type, long refId) =>
            new(id, kind, label, type, [new RefValue(refId, null, null)]);
    }
}
