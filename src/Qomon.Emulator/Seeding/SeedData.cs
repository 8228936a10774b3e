using System.Globalization;
using System.Text;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Seeding
{
    /// <summary>
    /// Fills a space with realistic contacts. Everything comes from one System.Random seeded with the random seed
    /// (and the space's index), and dates count back from a fixed moment, so the same seed gives byte-identical
    /// contacts on every run and machine.
    /// </summary>
    public static class SeedData
    {
        /// <summary>The "present" of seeded data: seeded dates lie before it. Fixed so that seeding is deterministic.</summary>
        public static readonly DateTime Anchor = new(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);

        /// <summary>The space's actions (GET /actions); seeded contacts link to them through action_ids.</summary>
        public const int FirstActionId = 9100, ActionCount = 20;

        private static readonly long[] UserIds = [50211, 50214, 50230, 50231];

        public static void Populate(ContactStore store, FormCatalog forms, int count, int randomSeed, int spaceIndex)
        {
            var random = new Random(unchecked(randomSeed + spaceIndex * 7919));
            var repeated = RepeatedAnswers.Dice(randomSeed, spaceIndex);
            for (var i = 0; i < count; i++)
            {
                var index = i;
                store.Create((id, ids) =>
                {
                    var contact = NewContact(random, forms, store.GroupId, id, ids);
                    return RepeatedAnswers.IsChosen(index) ? RepeatedAnswers.Add(repeated, forms, ids, contact) : contact;
                });
            }
        }

        private static Contact NewContact(Random r, FormCatalog forms, long groupId, long id, IIdSource ids)
        {
            var (first, gender) = Pick(r, SeedWords.FirstNames);
            var surname = Pick(r, SeedWords.Surnames);
            var created = QomonDates.TruncateToMicroseconds(Anchor - TimeSpan.FromSeconds(r.NextDouble() * 900 * 86400));
            var updated = QomonDates.TruncateToMicroseconds(created + (Anchor - created) * r.NextDouble());
            var user = Pick(r, UserIds);
            var birthdate = r.NextDouble() < 0.85 ? new DateTime(1940, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(r.Next(0, 66 * 365)) : (DateTime?)null;

            return new Contact
            {
                Id = id,
                GroupId = groupId,
                CreatedAt = created,
                UpdatedAt = updated,
                LastChange = QomonDates.TruncateToMilliseconds(updated),
                LastChangeUserId = user,
                UserId = user,
                Firstname = first,
                Surname = surname,
                MarriedName = gender == "F" && r.NextDouble() < 0.15 ? Pick(r, SeedWords.Surnames) : null,
                Gender = gender,
                Birthdate = birthdate,
                AgeCategory = birthdate is { } b ? Math.Clamp((Anchor.Year - b.Year) / 15, 1, 6) : 0,
                BirthCity = birthdate is null ? null : Pick(r, SeedWords.BirthCities),
                BirthCountry = birthdate is null ? null : "France",
                Nationality = Pick(r, SeedWords.Nationalities),
                Mail = r.NextDouble() < 0.9 ? Mail(r, first, surname) : null,
                Phone = r.NextDouble() < 0.4 ? Phone(r, "+33 1") : null,
                Mobile = r.NextDouble() < 0.7 ? Phone(r, "+33 6") : null,
                MobileInvalid = false,
                PhoneInvalid = false,
                BlackList = r.NextDouble() < 0.03,
                NationbuilderId = r.NextDouble() < 0.1 ? r.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) : null,
                Address = r.NextDouble() < 0.92 ? NewAddress(r, ids) : null,
                Tags = PickDistinct(r, SeedWords.Tags, r.Next(0, 4)),
                ActionIds = r.NextDouble() < 0.2 ? [r.Next(FirstActionId, FirstActionId + ActionCount)] : [],
                Notes = Enumerable.Range(0, r.Next(0, 3)).Select(_ => NewNote(r, ids, created)).ToList(),
                FormDatas = Answers(r, forms, ids, updated, custom: false),
                CustomFields = Answers(r, forms, ids, updated, custom: true),
            };
        }

        private static Address NewAddress(Random r, IIdSource ids)
        {
            var city = Pick(r, SeedWords.Cities);
            return new Address
            {
                Id = ids.NextAddressId(),
                Housenumber = r.Next(1, 250).ToString(CultureInfo.InvariantCulture),
                Street = Pick(r, SeedWords.Streets),
                Addition = r.NextDouble() < 0.1 ? "bis" : null,
                Building = r.NextDouble() < 0.2 ? "Bât. " + (char)('A' + r.Next(0, 4)) : null,
                Floor = r.NextDouble() < 0.3 ? r.Next(0, 9).ToString(CultureInfo.InvariantCulture) : null,
                Door = r.NextDouble() < 0.2 ? r.Next(1, 40).ToString(CultureInfo.InvariantCulture) : null,
                Postalcode = city.Postalcode,
                Citycode = city.Citycode,
                City = city.City,
                County = city.County,
                State = city.State,
                Country = "France",
                Pollingstation = "Bureau " + r.Next(1, 30).ToString(CultureInfo.InvariantCulture),
                Latitude = (city.Lat + (r.NextDouble() - 0.5) / 50).ToString("0.000000", CultureInfo.InvariantCulture),
                Longitude = (city.Lon + (r.NextDouble() - 0.5) / 50).ToString("0.000000", CultureInfo.InvariantCulture),
                Score = Math.Round(0.6 + r.NextDouble() * 0.4, 4),
            };
        }

        private static Note NewNote(Random r, IIdSource ids, DateTime after)
        {
            var at = QomonDates.TruncateToMicroseconds(after + (Anchor - after) * r.NextDouble());
            return new Note { Id = ids.NextNoteId(), Data = Pick(r, SeedWords.Notes), Pinned = r.NextDouble() < 0.2, CreatedAt = at, UpdatedAt = at };
        }

        /// <summary>Answers to each form with a form-type-appropriate shape: one value, several, or free text.</summary>
        private static List<FormAnswer> Answers(Random r, FormCatalog forms, IIdSource ids, DateTime when, bool custom)
        {
            var answers = new List<FormAnswer>();
            foreach (var form in forms.Forms.Where(f => (f.Kind == FormKinds.CustomFields) == custom))
            {
                if (r.NextDouble() < 0.45) continue;
                foreach (var (refId, data) in AnswerValues(r, form))
                    answers.Add(new FormAnswer { Id = ids.NextAnswerId(), FormId = form.Id, FormRefId = refId, Data = data, Date = QomonDates.TruncateToMilliseconds(when), CreatedAt = when, UpdatedAt = when });
            }
            return answers;
        }

        private static IEnumerable<(long RefId, string Data)> AnswerValues(Random r, Form form)
        {
            var single = form.RefValues[0];
            switch (form.Type)
            {
                case FormType.Radio:
                    var pick = Pick(r, form.RefValues);
                    return [(pick.Id, pick.Value!)];
                case FormType.Checkbox:
                    return PickDistinct(r, form.RefValues, r.Next(1, 3)).Select(v => (v.Id, v.Value!));
                case FormType.Numeric:
                    return [(single.Id, r.Next(1, 500).ToString(CultureInfo.InvariantCulture))];
                case FormType.Date:
                    return [(single.Id, QomonDates.Milli(Anchor.Date.AddDays(-r.Next(0, 2000))))];
                default:
                    var text = form.Kind == FormKinds.CustomFields ? Pick(r, SeedWords.MembershipNotes) : Pick(r, SeedWords.SurveyComments);
                    return [(single.Id, text)];
            }
        }

        private static string Mail(Random r, string first, string surname)
        {
            var local = Ascii(first) + "." + Ascii(surname);
            if (r.NextDouble() < 0.5) local += r.Next(1, 99).ToString(CultureInfo.InvariantCulture);
            return local + "@" + Pick(r, SeedWords.MailDomains);
        }

        private static string Phone(Random r, string prefix) =>
            prefix + string.Concat(Enumerable.Range(0, 4).Select(_ => " " + r.Next(0, 100).ToString("00", CultureInfo.InvariantCulture)));

        /// <summary>Lower-case ASCII for mail addresses: "Lefèvre" → "lefevre", "Le Gall" → "legall".</summary>
        private static string Ascii(string s)
        {
            // A table rather than Unicode normalization: the app runs with invariant globalization.
            const string accented = "àâäçéèêëîïôöùûüÉÈÎ";
            const string plain = "aaaceeeeiioouuuEEI";
            var text = new StringBuilder(s.Length);
            foreach (var ch in s)
            {
                var i = accented.IndexOf(ch);
                var c = i >= 0 ? plain[i] : ch;
                if (char.IsAsciiLetter(c)) text.Append(char.ToLowerInvariant(c));
            }
            return text.ToString();
        }

        private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

        private static List<T> PickDistinct<T>(Random r, IReadOnlyList<T> items, int count) =>
            items.OrderBy(_ => r.Next()).Take(count).ToList();
    }
}
