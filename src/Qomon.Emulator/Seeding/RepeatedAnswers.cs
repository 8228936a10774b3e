using System.Globalization;
using Qomon.Emulator.Json;
using Qomon.Emulator.Model;
using Qomon.Emulator.Storage;

namespace Qomon.Emulator.Seeding
{
    /// <summary>
    /// The answer shapes a real space holds after months of canvassing, which a client must keep through a merge:
    /// text, numeric and date forms with several entries, the same value more than once on different dates (two
    /// "Not home" notes), and checkbox forms with several values. Every third seeded contact, from the second on,
    /// gets them, so a test can count on one in any space of two contacts or more; the values come from their own
    /// seeded Random, so the other contacts are exactly what they were before these shapes existed.
    /// </summary>
    internal static class RepeatedAnswers
    {
        /// <summary>Position (0-based, in creation order) of the first contact with repeated answers, and the step.</summary>
        public const int First = 1, Every = 3;

        private static readonly string[] CanvassNotes = ["Not home", "Call back later", "Left a leaflet", "Not interested today"];

        public static bool IsChosen(int index) => index % Every == First;

        /// <summary>The dice of the extra shapes: their own stream, so the main seeded data does not move.</summary>
        public static Random Dice(int randomSeed, int spaceIndex) => new(unchecked(randomSeed * 31 + spaceIndex * 7919 + 1_000_003));

        public static Contact Add(Random r, FormCatalog forms, IIdSource ids, Contact contact) => contact with
        {
            FormDatas = Extend(r, forms, ids, contact.FormDatas, contact.UpdatedAt, custom: false),
            CustomFields = Extend(r, forms, ids, contact.CustomFields, contact.UpdatedAt, custom: true),
        };

        private static List<FormAnswer> Extend(Random r, FormCatalog forms, IIdSource ids, IReadOnlyList<FormAnswer> rows, DateTime when, bool custom)
        {
            var result = rows.ToList();
            foreach (var form in forms.Forms.Where(f => (f.Kind == FormKinds.CustomFields) == custom))
            {
                var entries = form.Type switch
                {
                    // Free text is always repeated, so every chosen contact has the "two Not home notes" case.
                    FormType.Text => Repeated(r, form, when, () => Pick(r, custom ? SeedWords.MembershipNotes : CanvassNotes)),
                    FormType.Numeric when r.NextDouble() < 0.7 => Repeated(r, form, when, () => r.Next(1, 500).ToString(CultureInfo.InvariantCulture)),
                    FormType.Date when r.NextDouble() < 0.7 => Repeated(r, form, when, () => QomonDates.Milli(SeedData.Anchor.Date.AddDays(-r.Next(0, 2000)))),
                    FormType.Checkbox when r.NextDouble() < 0.7 => MoreValues(r, form, result, when),
                    _ => [],
                };
                result.AddRange(entries.Select(e => new FormAnswer
                {
                    Id = ids.NextAnswerId(),
                    FormId = form.Id,
                    FormRefId = e.RefId,
                    Data = e.Data,
                    Date = QomonDates.TruncateToMilliseconds(e.Date),
                    CreatedAt = e.Date,
                    UpdatedAt = e.Date,
                }));
            }
            return result;
        }

        /// <summary>Two to four entries, the first value twice, each on its own earlier date.</summary>
        private static List<(long RefId, string Data, DateTime Date)> Repeated(Random r, Form form, DateTime when, Func<string> value)
        {
            var refId = form.RefValues[0].Id;
            var count = r.Next(2, 5);
            var repeated = value();
            var entries = new List<(long, string, DateTime)>();
            var date = when;
            for (var i = 0; i < count; i++)
            {
                date = QomonDates.TruncateToMicroseconds(date - TimeSpan.FromDays(r.Next(1, 30)) - TimeSpan.FromMinutes(r.Next(0, 600)));
                entries.Add((refId, i < 2 ? repeated : value(), date));
            }
            return entries;
        }

        private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

        /// <summary>Checkbox values the contact does not hold yet, so that the form ends with two or more.</summary>
        private static List<(long RefId, string Data, DateTime Date)> MoreValues(Random r, Form form, List<FormAnswer> rows, DateTime when)
        {
            var held = rows.Where(a => a.FormId == form.Id).Select(a => a.FormRefId).ToHashSet();
            var missing = form.RefValues.Where(v => !held.Contains(v.Id)).OrderBy(_ => r.Next()).ToList();
            var wanted = Math.Max(2 - held.Count, 1) + r.Next(0, 2);
            return missing.Take(wanted).Select(v => (v.Id, v.Value!, when)).ToList();
        }
    }
}
