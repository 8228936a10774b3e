namespace Qomon.Emulator.Settings
{
    /// <summary>How Retry-After is written on a 429 (whether Qomon sends it at all is unknown).</summary>
    public enum RetryAfterStyle { Seconds, Date, None }

    /// <summary>
    /// What a write does with a contact field the emulator does not know: Qomon's behaviour is not documented, so
    /// each answer a client might meet is one setting: dropped without a word, refused, or kept and returned.
    /// </summary>
    public enum UnknownFieldsMode { Ignore, Reject, Store }

    /// <summary>Error bodies: RFC 7807 (current docs, observed) or the older spec's bare {"status":"fail"}.</summary>
    public enum ErrorBodyStyle { Problem, Fail }

    /// <summary>
    /// Every knob of the emulator. Immutable: a change through POST /_emulator/config swaps the whole object,
    /// so a request always sees one consistent set. Defaults are the most likely behaviour of the real API.
    /// </summary>
    public sealed record EmulatorSettings
    {
        public const string CustomFieldsUnderscore = "custom_fields";
        public const string CustomFieldsJoined = "customfields";
        public const string BirthPlaceUnderscore = "birth_city";
        public const string BirthPlaceJoined = "birthcity";

        public string Urls { get; init; } = "http://127.0.0.1:0";
        /// <summary>The last profile applied (Profiles); settings given after it may have changed some of its values.</summary>
        public string Profile { get; init; } = Profiles.Default;
        public IReadOnlyList<string> ApiKeys { get; init; } = ["emulator-key"];
        /// <summary>Contacts seeded into each space.</summary>
        public int Seed { get; init; } = 100;
        /// <summary>Drives both the seeded data and the fault dice.</summary>
        public int RandomSeed { get; init; } = 42;

        public int Burst { get; init; } = 100;
        /// <summary>Tokens per second; 0 turns the bucket off.</summary>
        public double Rate { get; init; } = 10;
        public int CostWrite { get; init; } = 5;
        public int CostRead { get; init; } = 1;
        /// <summary>
        /// Undocumented on Qomon: 1 is what an independent client saw in x-ratelimit-cost, so it is the default;
        /// the harsh profile takes 5, the other reading of the docs, under which upsert saves nothing.
        /// </summary>
        public int CostUpsert { get; init; } = 1;
        public RetryAfterStyle RetryAfter { get; init; } = RetryAfterStyle.Seconds;

        public int LatencyMs { get; init; }
        public double FaultRate { get; init; }
        public double ResetRate { get; init; }
        public double SlowRate { get; init; }
        /// <summary>The routes the fault dice apply to ("POST /contacts/upsert"); empty for all.</summary>
        public IReadOnlyList<string> FaultRoutes { get; init; } = [];
        /// <summary>Share of requests refused 429 as if another client had spent the key's tokens.</summary>
        public double ThrottleRate { get; init; }
        public int SlowMs { get; init; } = 120_000;
        /// <summary>Share of contact reads, writes and searches answered 200 with a body that is not what was asked for.</summary>
        public double BadBodyRate { get; init; }
        public Faults.BadBodySelection BadBodyKinds { get; init; } = Faults.BadBodySelection.All;
        /// <summary>Routes bad-body-rate applies to, as fault-routes names them; empty means all four.</summary>
        public IReadOnlyList<string> BadBodyRoutes { get; init; } = [];

        public string CustomFieldsKey { get; init; } = CustomFieldsUnderscore;
        public bool AddressNumbersAsNumbers { get; init; }
        /// <summary>Spelling of the birth-place keys in responses: birth_city (published page) or birthcity (older spec).</summary>
        public string BirthPlaceKey { get; init; } = BirthPlaceUnderscore;
        public int UpsertDelayMs { get; init; } = 2000;
        public bool Strict { get; init; }
        public UnknownFieldsMode UnknownFields { get; init; } = UnknownFieldsMode.Ignore;
        public bool SoftDeletedVisible { get; init; }
        public int SearchIndexDelayMs { get; init; }
        public ErrorBodyStyle ErrorBody { get; init; } = ErrorBodyStyle.Problem;

        public bool BucketEnabled => Rate > 0;

        /// <summary>The x-ratelimit-limit header value, e.g. "burst:100;rate:10.0".</summary>
        public string RateLimitHeader =>
            FormattableString.Invariant($"burst:{Burst};rate:{Rate:0.0###}");
    }
}
