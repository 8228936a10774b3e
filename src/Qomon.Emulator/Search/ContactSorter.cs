using Qomon.Emulator.Model;

namespace Qomon.Emulator.Search
{
    /// <summary>
    /// Orders search results. Keys are read once per contact and sorted with the contacts; the store caches the
    /// result until the next write. Ties (and unsorted searches) fall back to id order, which keeps paging stable.
    /// Empty values go last when ascending and first when descending, as PostgreSQL orders NULLs.
    /// </summary>
    public static class ContactSorter
    {
        private readonly record struct Key(string? Text, long Ticks, bool HasValue, long Id);

        public static Contact[] Sort(Contact[] contacts, string attribute, bool ascending)
        {
            var keys = new Key[contacts.Length];
            for (var i = 0; i < contacts.Length; i++) keys[i] = KeyOf(contacts[i], attribute);
            var sorted = (Contact[])contacts.Clone();
            Array.Sort(keys, sorted, Comparer<Key>.Create((a, b) => Compare(a, b, ascending)));
            return sorted;
        }

        private static int Compare(Key a, Key b, bool ascending)
        {
            if (a.HasValue != b.HasValue) return (a.HasValue ? -1 : 1) * (ascending ? 1 : -1);
            var order = a.Text is not null || b.Text is not null
                ? string.Compare(a.Text, b.Text, StringComparison.OrdinalIgnoreCase)
                : a.Ticks.CompareTo(b.Ticks);
            if (!ascending) order = -order;
            return order != 0 ? order : a.Id.CompareTo(b.Id);
        }

        private static Key KeyOf(Contact c, string attribute) => attribute switch
        {
            "birthdate" => Date(c.Birthdate, c.Id),
            "lastchange" => Date(c.LastChange, c.Id),
            _ => Text(attribute switch
            {
                "surname" => c.Surname,
                "firstname" => c.Firstname,
                "gender" => c.Gender,
                "mail" => c.Mail,
                "married_name" => c.MarriedName,
                _ => c.Address?.City,
            }, c.Id),
        };

        private static Key Date(DateTime? d, long id) => new(null, d?.Ticks ?? 0, d is not null, id);

        private static Key Text(string? s, long id) => string.IsNullOrEmpty(s) ? new(null, 0, false, id) : new(s, 0, true, id);
    }
}
