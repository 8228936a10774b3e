using System.Globalization;

namespace Qomon.Emulator.Settings
{
    /// <summary>One setting: its kebab-case CLI name, what it means, and how a text value changes the settings.</summary>
    public sealed record SettingDefinition(
        string Name,
        string ValueHint,
        string Description,
        Func<EmulatorSettings, string, EmulatorSettings> Apply,
        Func<EmulatorSettings, object> Read,
        bool IsFlag = false,
        bool IsRepeatable = false,
        bool IsRuntime = true)
    {
        /// <summary>The same name in camelCase, as POST /_emulator/config takes it.</summary>
        public string ConfigName
        {
            get
            {
                var parts = Name.Split('-');
                return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            }
        }
    }

    /// <summary>
    /// The single table of settings. The command line, --help and POST /_emulator/config all read it, so a
    /// setting added here is parsed, documented and configurable at run time at once.
    /// </summary>
    public static class SettingDefinitions
    {
        public static readonly IReadOnlyList<SettingDefinition> All =
        [
            new("urls", "URL", "Where Kestrel listens; port 0 picks a free port.",
                (s, v) => s with { Urls = v }, s => s.Urls, IsRuntime: false),
            new("api-key", "KEY", "An accepted API key; repeat for more. Each key is its own space (group_id) with its own data and bucket.",
                (s, v) => s with { ApiKeys = [.. s.ApiKeys, v] }, s => s.ApiKeys, IsRepeatable: true, IsRuntime: false),
            new("profile", "default|harsh", "A bundle of settings. harsh: strict, custom-fields-key customfields, soft-deleted-visible, unknown-fields store, search-index-delay-ms 2000, retry-after none, cost-upsert 5. Settings given after it override it.",
                Profiles.Apply, s => s.Profile),
            new("seed", "N", "Contacts seeded into each space.",
                (s, v) => s with { Seed = NonNegative(v) }, s => s.Seed),
            new("random-seed", "N", "Random seed for the seeded data and the fault dice: the same seed gives the same data.",
                (s, v) => s with { RandomSeed = Int(v) }, s => s.RandomSeed),
            new("burst", "N", "Token bucket size per API key.",
                (s, v) => s with { Burst = NonNegative(v) }, s => s.Burst),
            new("rate", "TOKENS/S", "Bucket refill in tokens per second; 0 turns the bucket off.",
                (s, v) => s with { Rate = Fraction(v, max: double.MaxValue) }, s => s.Rate),
            new("cost-write", "N", "Tokens taken by POST /contacts and PATCH /contacts/{id}.",
                (s, v) => s with { CostWrite = NonNegative(v) }, s => s.CostWrite),
            new("cost-upsert", "N", "Tokens taken by POST /contacts/upsert (undocumented; 1 was observed, 5 is the harsh reading).",
                (s, v) => s with { CostUpsert = NonNegative(v) }, s => s.CostUpsert),
            new("cost-read", "N", "Tokens taken by every other API request.",
                (s, v) => s with { CostRead = NonNegative(v) }, s => s.CostRead),
            new("retry-after", "seconds|date|none", "Retry-After on a 429: whole seconds, an HTTP date, or no header.",
                (s, v) => s with { RetryAfter = Enum<RetryAfterStyle>(v) }, s => s.RetryAfter.ToString().ToLowerInvariant()),
            new("latency-ms", "MS", "Delay added to every API request.",
                (s, v) => s with { LatencyMs = NonNegative(v) }, s => s.LatencyMs),
            new("fault-rate", "0..1", "Share of API requests answered 500, 502 or 503 (not applied).",
                (s, v) => s with { FaultRate = Fraction(v) }, s => s.FaultRate),
            new("reset-rate", "0..1", "Share of API requests whose connection is reset (not applied).",
                (s, v) => s with { ResetRate = Fraction(v) }, s => s.ResetRate),
            new("fault-routes", "all|ROUTE,...", "Routes the fault-rate, reset-rate and slow-rate dice apply to, named as /_emulator/stats names them (\"POST /contacts/upsert,GET /contacts/{id}\"); all routes by default. With slow-rate it loses the answers of one route's applied requests (an upsert's 202) and no other.",
                (s, v) => s with { FaultRoutes = FaultRouteList.Parse(v) }, s => FaultRouteList.Format(s.FaultRoutes)),
            new("slow-rate", "0..1", "Share of API requests held for slow-ms before they are handled (slower than the client's timeout).",
                (s, v) => s with { SlowRate = Fraction(v) }, s => s.SlowRate),
            new("throttle-rate", "0..1", "Share of API requests answered 429 before the bucket is charged, as if another client had spent the key's tokens (Retry-After per retry-after; not applied).",
                (s, v) => s with { ThrottleRate = Fraction(v) }, s => s.ThrottleRate),
            new("bad-body-rate", "0..1", "Share of GET /contacts/{id}, PATCH /contacts/{id}, POST /contacts and POST /search answered 200 (or 302) with a body that is not the contact or page asked for; a write is applied or not, by the dice.",
                (s, v) => s with { BadBodyRate = Fraction(v) }, s => s.BadBodyRate),
            new("bad-body-kinds", "all|KIND,...", "Kinds bad-body-rate may pick: " + string.Join(", ", Faults.BadBodyKinds.Names.Values) + "; add applied or unapplied to fix what happens to the write.",
                (s, v) => s with { BadBodyKinds = Faults.BadBodySelection.Parse(v) }, s => s.BadBodyKinds.ToString()),
            new("bad-body-routes", "all|ROUTE,...", "Routes bad-body-rate applies to, named as /_emulator/stats names them (\"POST /search\" gives bad bodies to search pages only); all four by default.",
                (s, v) => s with { BadBodyRoutes = FaultRouteList.Parse(v) }, s => FaultRouteList.Format(s.BadBodyRoutes)),
            new("slow-ms", "MS", "How long a slow response is held.",
                (s, v) => s with { SlowMs = NonNegative(v) }, s => s.SlowMs),
            new("custom-fields-key", "custom_fields|customfields", "Key of the custom-field answers in responses (writes always use custom_fields).",
                (s, v) => s with { CustomFieldsKey = OneOf(v, EmulatorSettings.CustomFieldsUnderscore, EmulatorSettings.CustomFieldsJoined) }, s => s.CustomFieldsKey),
            new("birth-place-key", "birth_city|birthcity", "Spelling of the birth-place keys in responses: birth_city, birth_dept, birth_country or birthcity, birthdept, birthcountry (writes take both).",
                (s, v) => s with { BirthPlaceKey = OneOf(v, EmulatorSettings.BirthPlaceUnderscore, EmulatorSettings.BirthPlaceJoined) }, s => s.BirthPlaceKey),
            new("address-numbers-as-numbers", "[true|false]", "Return address housenumber, postalcode, citycode and floor as JSON numbers when they are plain integers.",
                (s, v) => s with { AddressNumbersAsNumbers = Bool(v) }, s => s.AddressNumbersAsNumbers, IsFlag: true),
            new("upsert-delay-ms", "MS", "Delay before an accepted POST /contacts/upsert is applied.",
                (s, v) => s with { UpsertDelayMs = NonNegative(v) }, s => s.UpsertDelayMs),
            new("strict", "[true|false]", "Answer 422 naming read-only or unknown fields in a write, instead of ignoring them.",
                (s, v) => s with { Strict = Bool(v) }, s => s.Strict, IsFlag: true),
            new("unknown-fields", "ignore|reject|store", "Contact fields the emulator does not know in POST /contacts and PATCH: ignored (or 422 with strict), 422 naming them, or stored and returned as sent until a write leaves them out.",
                (s, v) => s with { UnknownFields = Enum<UnknownFieldsMode>(v) }, s => s.UnknownFields.ToString().ToLowerInvariant()),
            new("search-index-delay-ms", "MS", "How far search and kpi lag behind writes: they see each contact as it was this long ago (Qomon indexes asynchronously).",
                (s, v) => s with { SearchIndexDelayMs = NonNegative(v) }, s => s.SearchIndexDelayMs),
            new("soft-deleted-visible", "[true|false]", "Also return the soft-deleted formdatas and custom-field rows of earlier writes, with deleted_at set.",
                (s, v) => s with { SoftDeletedVisible = Bool(v) }, s => s.SoftDeletedVisible, IsFlag: true),
            new("error-body", "problem|fail", "Error bodies as RFC 7807 problem JSON, or as the older spec's {\"status\":\"fail\"}; the status code is the same.",
                (s, v) => s with { ErrorBody = Enum<ErrorBodyStyle>(v) }, s => s.ErrorBody.ToString().ToLowerInvariant()),
        ];

        public static SettingDefinition? Find(string name) =>
            All.FirstOrDefault(d => d.Name == name || d.ConfigName == name);

        private static int Int(string v) =>
            int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{v}' is not an integer.");

        private static int NonNegative(string v) => Int(v) is var n && n >= 0 ? n : throw new FormatException($"'{v}' must be 0 or more.");

        private static double Fraction(string v, double max = 1) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= max
                ? d
                : throw new FormatException(max == 1 ? $"'{v}' must be a number from 0 to 1." : $"'{v}' must be a number, 0 or more.");

        private static bool Bool(string v) => v.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new FormatException($"'{v}' is not true or false."),
        };

        private static T Enum<T>(string v) where T : struct, System.Enum =>
            System.Enum.TryParse<T>(v, ignoreCase: true, out var e) && System.Enum.IsDefined(e)
                ? e
                : throw new FormatException($"'{v}' must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

        private static string OneOf(string v, string first, string second) =>
            v == first || v == second ? v : throw new FormatException($"'{v}' must be {first} or {second}.");
    }
}
