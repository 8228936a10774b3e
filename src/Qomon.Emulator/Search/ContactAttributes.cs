using Qomon.Emulator.Model;

namespace Qomon.Emulator.Search
{
    /// <summary>What kind of value an attribute holds; it decides which operators apply.</summary>
    public enum AttributeKind { Text, Number, Date, Bool, TextList, NumberList }

    public sealed record ContactAttribute(string Name, AttributeKind Kind, Func<Contact, object?> Read);

    /// <summary>
    /// The searchable attributes from the API notes (§3.6), mapped onto stored contacts. Attributes Qomon has but
    /// the emulator stores nothing for (emails.blacklisted_at, petitions, online forms) are accepted and empty.
    /// </summary>
    public static class ContactAttributes
    {
        private static readonly Dictionary<string, ContactAttribute> ByName = new List<ContactAttribute>
        {
            Text("firstname", c => c.Firstname),
            Text("surname", c => c.Surname),
            Text("married_name", c => c.MarriedName),
            Text("gender", c => c.Gender),
            Number("age_cat", c => c.AgeCategory),
            Date("birthdate", c => c.Birthdate),
            Date("birthday", c => c.Birthdate),
            Text("birthcity", c => c.BirthCity),
            Text("birthcountry", c => c.BirthCountry),
            Text("nationality", c => c.Nationality),
            Text("mail", c => c.Mail),
            Text("phone", c => c.Phone),
            Text("mobile", c => c.Mobile),
            Text("address.addition", c => c.Address?.Addition),
            Text("address.building", c => c.Address?.Building),
            Text("address.building_type", c => c.Address?.BuildingType),
            Text("address.city", c => c.Address?.City),
            Text("address.country", c => c.Address?.Country),
            Text("address.county", c => c.Address?.County),
            Text("address.door", c => c.Address?.Door),
            Text("address.floor", c => c.Address?.Floor),
            Text("address.housenumber", c => c.Address?.Housenumber),
            Text("address.pollingstation", c => c.Address?.Pollingstation),
            Text("address.postalcode", c => c.Address?.Postalcode),
            Text("address.state", c => c.Address?.State),
            Text("address.street", c => c.Address?.Street),
            new("address.invalid", AttributeKind.Bool, c => c.Address?.Invalid),
            new("tags.name", AttributeKind.TextList, c => c.Tags),
            Date("emails.blacklisted_at", _ => null),
            Date("lastchange", c => c.LastChange),
            Date("CreatedAt", c => c.CreatedAt),
            Date("UpdatedAt", c => c.UpdatedAt),
            Number("user_id", c => c.UserId),
            Number("user_contact_id", c => c.UserContactId),
            Text("nationbuilderid", c => c.NationbuilderId),
            new("action_ids", AttributeKind.NumberList, c => c.ActionIds),
            new("black_list", AttributeKind.Bool, c => c.BlackList),
            new("petitions.base_id", AttributeKind.NumberList, _ => Array.Empty<long>()),
            new("onlineforms.base_id", AttributeKind.NumberList, _ => Array.Empty<long>()),
        }.ToDictionary(a => a.Name, StringComparer.Ordinal);

        public static ContactAttribute? Find(string name) => ByName.GetValueOrDefault(name);

        private static ContactAttribute Text(string name, Func<Contact, string?> read) => new(name, AttributeKind.Text, read);
        private static ContactAttribute Number(string name, Func<Contact, long?> read) => new(name, AttributeKind.Number, c => read(c));
        private static ContactAttribute Date(string name, Func<Contact, DateTime?> read) => new(name, AttributeKind.Date, c => read(c));
    }
}
