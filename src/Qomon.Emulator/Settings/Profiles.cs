namespace Qomon.Emulator.Settings
{
    /// <summary>
    /// Named bundles of settings. "harsh" turns on every observed or possible unkindness of the real API that a
    /// client must survive without losing data, so that a green run under it means something; "default" puts
    /// the same settings back to their defaults. A setting given after --profile overrides the profile's value.
    /// </summary>
    public static class Profiles
    {
        public const string Default = "default", Harsh = "harsh";

        public static readonly IReadOnlyList<string> Names = [Default, Harsh];

        /// <summary>The cost of a synchronous write: read that way, the docs leave upsert no cheaper than PATCH.</summary>
        public const int HarshUpsertCost = 5;

        public static EmulatorSettings Apply(EmulatorSettings settings, string name) => name switch
        {
            Harsh => settings with
            {
                Profile = Harsh,
                Strict = true,
                CustomFieldsKey = EmulatorSettings.CustomFieldsJoined,
                SoftDeletedVisible = true,
                UnknownFields = UnknownFieldsMode.Store,
                SearchIndexDelayMs = 2000,
                RetryAfter = RetryAfterStyle.None,
                CostUpsert = HarshUpsertCost,
            },
            Default => Defaults(settings),
            _ => throw new FormatException($"'{name}' must be {string.Join(" or ", Names)}."),
        };

        private static EmulatorSettings Defaults(EmulatorSettings settings)
        {
            var d = new EmulatorSettings();
            return settings with
            {
                Profile = Default,
                Strict = d.Strict,
                CustomFieldsKey = d.CustomFieldsKey,
                SoftDeletedVisible = d.SoftDeletedVisible,
                UnknownFields = d.UnknownFields,
                SearchIndexDelayMs = d.SearchIndexDelayMs,
                RetryAfter = d.RetryAfter,
                CostUpsert = d.CostUpsert,
            };
        }
    }
}
