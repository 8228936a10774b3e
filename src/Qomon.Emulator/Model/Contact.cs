namespace Qomon.Emulator.Model
{
    /// <summary>
    /// One stored version of a contact. Immutable: every write makes a new one, which is what lets the store keep
    /// a complete history and lets readers work on a snapshot without locks.
    /// </summary>
    public sealed record Contact
    {
        public long Id { get; init; }
        public long GroupId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public DateTime LastChange { get; init; }
        public long? LastChangeUserId { get; init; }
        public long? UserId { get; init; }

        public string? Firstname { get; init; }
        public string? Surname { get; init; }
        public string? MarriedName { get; init; }
        public string? Gender { get; init; }
        public DateTime? Birthdate { get; init; }
        public int? AgeCategory { get; init; }
        public string? BirthCity { get; init; }
        public string? BirthCountry { get; init; }
        public string? BirthDept { get; init; }
        public string? Nationality { get; init; }
        public string? Mail { get; init; }
        public string? Phone { get; init; }
        public string? Mobile { get; init; }
        // Boolean columns on Qomon: a contact written without them, or with null, reads back false, never null
        // (seen by a client's contract suite against a live sandbox).
        public bool MobileInvalid { get; init; }
        public bool PhoneInvalid { get; init; }
        public bool BlackList { get; init; }
        public string? NationbuilderId { get; init; }
        public long? UserContactId { get; init; }
        /// <summary>Top-level fields the emulator does not know, kept as sent (unknown-fields store), in the order sent.</summary>
        public IReadOnlyList<KeyValuePair<string, System.Text.Json.JsonElement>> UnknownFields { get; init; } = [];

        public Address? Address { get; init; }
        public IReadOnlyList<string> Tags { get; init; } = [];
        public IReadOnlyList<long> ActionIds { get; init; } = [];
        public IReadOnlyList<Note> Notes { get; init; } = [];
        /// <summary>Answers to consent, level_of_support, presence_status, survey and tasks forms.</summary>
        public IReadOnlyList<FormAnswer> FormDatas { get; init; } = [];
        public IReadOnlyList<FormAnswer> CustomFields { get; init; } = [];
        /// <summary>Rows a write replaced: kept with deleted_at set, returned only with soft-deleted-visible.</summary>
        public IReadOnlyList<FormAnswer> DeletedFormDatas { get; init; } = [];
        public IReadOnlyList<FormAnswer> DeletedCustomFields { get; init; } = [];
    }

    /// <summary>A postal address. The number-like fields stay strings here; rendering may turn them into numbers.</summary>
    public sealed record Address
    {
        public long Id { get; init; }
        public string? Housenumber { get; init; }
        public string? Street { get; init; }
        public string? Addition { get; init; }
        public string? Building { get; init; }
        public string? BuildingType { get; init; }
        public string? Floor { get; init; }
        public string? Door { get; init; }
        public string? Postalcode { get; init; }
        public string? Citycode { get; init; }
        public string? City { get; init; }
        public string? County { get; init; }
        public string? State { get; init; }
        public string? Country { get; init; }
        public string? Infos { get; init; }
        public string? Pollingstation { get; init; }
        public string? Latitude { get; init; }
        public string? Longitude { get; init; }
        public double? Score { get; init; }
        public bool Invalid { get; init; }
    }

    /// <summary>One formdata or custom-field row. Its id changes on every PATCH, as the published page says.</summary>
    public sealed record FormAnswer
    {
        public long Id { get; init; }
        public long FormId { get; init; }
        public long FormRefId { get; init; }
        public string? Data { get; init; }
        public DateTime Date { get; init; }
        public long? SurveyId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public DateTime? DeletedAt { get; init; }
    }

    public sealed record Note
    {
        public long Id { get; init; }
        public string? Data { get; init; }
        public bool Pinned { get; init; }
        public bool OnlySuperAdmin { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
