using System.Globalization;
using Qomon.Emulator.Model;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Writes
{
    /// <summary>
    /// The synchronous writes. POST /contacts builds a contact from the input; PATCH /contacts/{id} does the same
    /// over an existing one, keeping only what the server owns (id, group, CreatedAt, row ids that survive).
    /// That is the documented full replacement: whatever the input lacks is cleared.
    /// </summary>
    public static class ContactReplacer
    {
        /// <summary>The user the API key acts as; lastchangeuserid and user_id point at it after a sync write.</summary>
        public const long ApiUserId = 50200;

        public static Contact Create(long id, long groupId, ContactInput input, IIdSource ids, DateTime now) =>
            Replace(new Contact { Id = id, GroupId = groupId, CreatedAt = now }, input, ids, now);

        public static Contact Replace(Contact current, ContactInput input, IIdSource ids, DateTime now) => input.Draft with
        {
            Id = current.Id,
            GroupId = current.GroupId,
            CreatedAt = current.CreatedAt,
            UpdatedAt = now,
            LastChange = Json.QomonDates.TruncateToMilliseconds(now),
            LastChangeUserId = ApiUserId,
            UserId = ApiUserId,
            Address = Place(current.Address, input.Draft.Address, ids),
            Notes = Notes(current.Notes, input.Notes, ids, now),
            FormDatas = AnswerRules.Replace(input.FormDatas, ids, now),
            CustomFields = AnswerRules.Replace(input.CustomFields, ids, now),
            DeletedFormDatas = AnswerRules.Retire(current.DeletedFormDatas, current.FormDatas, now),
            DeletedCustomFields = AnswerRules.Retire(current.DeletedCustomFields, current.CustomFields, now),
        };

        /// <summary>
        /// The address row keeps its id; the server-side fields (coordinates, score) come from a stand-in
        /// geocoder, so they are stable for the same address text.
        /// </summary>
        public static Address? Place(Address? current, Address? sent, IIdSource ids)
        {
            if (sent is null) return null;
            var id = current?.Id ?? ids.NextAddressId();
            if (current is not null && SamePlace(current, sent))
                return sent with { Id = id, Latitude = current.Latitude, Longitude = current.Longitude, Score = current.Score, Invalid = current.Invalid };

            var hash = (uint)StableHash($"{sent.Housenumber}|{sent.Street}|{sent.Postalcode}|{sent.City}|{sent.Country}");
            var hasPlace = !string.IsNullOrWhiteSpace(sent.City) || !string.IsNullOrWhiteSpace(sent.Postalcode);
            return sent with
            {
                Id = id,
                Latitude = hasPlace ? (43 + hash % 700_000 / 100_000.0).ToString("0.000000", CultureInfo.InvariantCulture) : null,
                Longitude = hasPlace ? (-1 + hash / 700_000 % 800_000 / 100_000.0).ToString("0.000000", CultureInfo.InvariantCulture) : null,
                Score = hasPlace ? 0.9 : null,
                Invalid = !hasPlace,
            };
        }

        /// <summary>The same address text needs no new geocoding, so coordinates survive a read-modify-write.</summary>
        private static bool SamePlace(Address a, Address b) =>
            a.Housenumber == b.Housenumber && a.Street == b.Street && a.Postalcode == b.Postalcode && a.City == b.City && a.Country == b.Country;

        /// <summary>Notes sent with a known id keep it (and their creation time); the others are new.</summary>
        private static List<Note> Notes(IReadOnlyList<Note> current, IReadOnlyList<NoteInput> sent, IIdSource ids, DateTime now) =>
            sent.Select(n =>
            {
                var existing = n.Id is { } id ? current.FirstOrDefault(c => c.Id == id) : null;
                if (existing is not null && existing.Data == n.Data && existing.Pinned == n.Pinned && existing.OnlySuperAdmin == n.OnlySuperAdmin)
                    return existing;
                return new Note
                {
                    Id = existing?.Id ?? ids.NextNoteId(),
                    Data = n.Data,
                    Pinned = n.Pinned,
                    OnlySuperAdmin = n.OnlySuperAdmin,
                    CreatedAt = existing?.CreatedAt ?? now,
                    UpdatedAt = now,
                };
            }).ToList();

        private static int StableHash(string s)
        {
            var h = 17;
            foreach (var ch in s) h = unchecked(h * 31 + ch);
            return h;
        }
    }
}
