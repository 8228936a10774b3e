using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Qomon.Client.Input;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Xunit;

namespace Qomon.Client.Tests.Input
{
    /// <summary>
    /// Every bad input gives a problem naming the field as the caller wrote it and saying what is wrong; a record
    /// with problems is never written. Each case is one row: the input, the field and a part of the message.
    /// </summary>
    public class ContactChangesReaderBadInputTests
    {
        private sealed class Case
        {
            public Case(string field, string message, params (string Name, object? Value)[] cells)
            {
                Field = field;
                Message = message;
                Cells = cells;
            }

            public string Field { get; }
            public string Message { get; }
            public (string Name, object? Value)[] Cells { get; }
            public FormCatalog Forms { get; init; } = Merge.Fixtures.Forms.Catalog;
        }

        private static readonly string TooLong = new string('a', 10001);

        private static readonly Dictionary<string, Case> Cases = new Dictionary<string, Case>
        {
            ["no id"] = new Case("Id", "no contact id: give Id, id or ContactId", ("firstname", "A")),
            ["blank id"] = new Case("Id", "no contact id", ("Id", ""), ("firstname", "A")),
            ["negative id"] = new Case("Id", "the contact id -5 is not a valid id: ids are positive whole numbers", ("Id", -5)),
            ["negative id as text"] = new Case("ContactId", "-5 is not a valid id", ("ContactId", "-5")),
            ["zero id"] = new Case("id", "0 is not a valid id", ("id", 0)),
            ["non-numeric id"] = new Case("Id", "the contact id 'abc' is not a number", ("Id", "abc")),
            ["fractional id"] = new Case("Id", "4.5 is not a whole number", ("Id", 4.5)),
            ["fractional id as text"] = new Case("Id", "'12.5' is not a whole number", ("Id", "12.5")),
            ["huge id"] = new Case("Id", "'99999999999999999999' is too large", ("Id", "99999999999999999999")),
            ["id as list"] = new Case("Id", "the contact id must be a positive whole number, got a list of 2 values", ("Id", new object[] { 1, 2 })),
            ["disagreeing ids"] = new Case("ContactId", "8 disagrees with Id=7", ("Id", 7), ("ContactId", 8)),
            ["misspelt field"] = new Case("frstname", "unknown field; did you mean 'firstname'?", ("frstname", "A")),
            ["misspelt alias"] = new Case("Emial", "unknown field; did you mean 'Email'?", ("Emial", "a@example.org")),
            ["unknown field"] = new Case("shoe_size", "unknown field", ("shoe_size", 42)),
            ["unknown address part"] = new Case("address.cty", "unknown field; did you mean 'address.city'?", ("address.cty", "Lyon")),
            ["unknown nested address part"] = new Case("address.zip_code", "unknown field", ("address", new Hashtable { ["zip_code"] = "69003" })),
            ["unknown form label"] = new Case("form:Consnt", "no form 'Consnt'; did you mean 'form:Consent'?", ("form:Consnt", "Email")),
            ["unknown custom field"] = new Case("custom:Shoe size", "no custom field 'Shoe size'", ("custom:Shoe size", "42")),
            ["unknown form id"] = new Case("form:999", "no form '999'", ("form:999", "x")),
            ["ambiguous label"] = new Case("form:Region", "the label 'Region' is ambiguous: forms 303, 304 share it; use form:<id>", ("form:Region", "north")),
            ["custom field named as form"] = new Case("form:Skills", "'Skills' is a custom field: name it custom:Skills", ("form:Skills", "it")),
            ["form named as custom field"] = new Case("custom:Consent", "not a custom field: name it form:Consent", ("custom:Consent", "Email")),
            ["no label after prefix"] = new Case("form:", "'form:' needs a form label or id after the colon", ("form:", "x")),
            ["forms not read"] = new Case("form:Consent", "no form 'Consent' (no forms are known: were the forms read?)", ("form:Consent", "Email")) { Forms = FormCatalog.Empty },
            ["unknown radio value"] = new Case("form:Support level", "'maybe' is not a value of 'Support level'; allowed: 'Strong supporter' (strong), 'Weak', 'Opposed'", ("form:Support level", "maybe")),
            ["two values for a radio"] = new Case("form:Support level", "'Support level' takes one value (radio), got 2", ("form:Support level", new object[] { "weak", "opposed" })),
            ["unknown checkbox value in a list"] = new Case("form:Consent", "'Fax' is not a value of 'Consent'", ("form:Consent", "Email;Fax")),
            ["nested object in a checkbox list"] = new Case("custom:Skills", "the list for 'Skills' holds a nested object where a value is expected", ("custom:Skills", new object[] { new Hashtable() })),
            ["plus on a radio"] = new Case("form:Support level+", "a trailing '+' adds or removes one value of a checkbox answer; 'Support level' is a radio form", ("form:Support level+", "weak")),
            ["minus without a value"] = new Case("form:Consent-", "'-' needs a value to remove", ("form:Consent-", null)),
            ["set and plus on one form"] = new Case("form:Consent+", "the same answer is both set and changed with +/-", ("form:Consent", "Email"), ("form:Consent+", "SMS")),
            ["non-numeric number answer"] = new Case("form:Household size", "'four' is not a number (use a dot for decimals: 3.5)", ("form:Household size", "four")),
            ["comma decimal"] = new Case("custom:Score", "'3,5' is not a number", ("custom:Score", "3,5")),
            ["invalid date answer"] = new Case("form:Last visit", "'31/12/2026' is not a valid date; use yyyy-MM-dd or ISO 8601", ("form:Last visit", "31/12/2026")),
            ["nested list in a text answer"] = new Case("form:Comments", "the list for 'Comments' holds a list of 1 value where a text value is expected", ("form:Comments", new object[] { "a", new object[] { "b" } })),
            ["bad number among repeated answers"] = new Case("form:Household size", "'four' is not a number", ("form:Household size", "3;four")),
            ["too long answer"] = new Case("form:Comments", "text of 10001 characters is longer than the limit of 10000", ("form:Comments", TooLong)),
            ["unwritable form type"] = new Case("form:Signed", "answers of 'Signed' (type signature) cannot be written by this module", ("form:Signed", "x")),
            ["bool that is not"] = new Case("black_list", "'maybe' is not true or false (use true/false, yes/no or 1/0)", ("black_list", "maybe")),
            ["bool from a number"] = new Case("mobile_invalid", "expected true or false, got a number", ("mobile_invalid", 2)),
            ["bool from a date"] = new Case("black_list", "expected true or false, got a date", ("black_list", new DateTime(2020, 1, 1))),
            ["out of range"] = new Case("age_category", "9 is out of range: it must be between 0 and 6", ("age_category", 9)),
            ["negative out of range"] = new Case("AgeCategory", "-1 is out of range", ("AgeCategory", "-1")),
            ["fractional int"] = new Case("age_category", "'2.5' is not a whole number", ("age_category", "2.5")),
            ["int from text"] = new Case("age_category", "'three' is not a number", ("age_category", "three")),
            ["bad gender"] = new Case("gender", "'X' is not a gender Qomon knows; allowed: F, M, O", ("gender", "X")),
            ["invalid birthdate"] = new Case("birthdate", "'not a date' is not a valid date", ("birthdate", "not a date")),
            ["impossible birthdate"] = new Case("BirthDate", "'1980-02-30' is not a valid date", ("BirthDate", "1980-02-30")),
            ["birthdate out of range"] = new Case("birthdate", "1066-10-14T00:00:00.000Z is out of range (years 1800 to 2200)", ("birthdate", "1066-10-14")),
            ["not an email"] = new Case("Email", "'camille.example.org' is not an email address", ("Email", "camille.example.org")),
            ["email with two @"] = new Case("mail", "'a@b@example.org' is not an email address", ("mail", "a@b@example.org")),
            ["control character"] = new Case("firstname", "contains the control character U+0007", ("firstname", "Cam\u0007ille")),
            ["lone high surrogate in a name"] = new Case("firstname", "contains a broken character at position 4: U+D800, half of a surrogate pair", ("firstname", "Ann\uD800")),
            ["lone low surrogate in a note"] = new Case("notes", "U+DC00, half of a surrogate pair", ("notes", new object[] { new Hashtable { ["data"] = "\uDC00 call back" } })),
            ["lone surrogate in a tag"] = new Case("tags", "half of a surrogate pair", ("tags", new object[] { "vol\uD83Dunteer" })),
            ["lone surrogate in an answer"] = new Case("form:Comments", "half of a surrogate pair", ("form:Comments", "ok \uD83D")),
            ["zero-width space in an email"] = new Case("mail", "contains the invisible character U+200B at position 4", ("mail", "ann\u200B@example.org")),
            ["byte order mark before an email"] = new Case("Email", "contains the invisible character U+FEFF at position 1", ("Email", "\uFEFFann@example.org")),
            ["direction mark in a phone"] = new Case("phone", "contains the invisible character U+200E", ("phone", "\u200E+33 6 12 34 56 78")),
            ["zero-width space in a mobile"] = new Case("MobilePhone", "contains the invisible character U+200B", ("MobilePhone", "06\u200B12345678")),
            ["line break in a name"] = new Case("surname", "line breaks are not allowed in this field", ("surname", "Martin\nDurand")),
            ["huge string"] = new Case("firstname", "text of 10001 characters is longer than the limit of 10000", ("firstname", TooLong)),
            ["nested object for a scalar"] = new Case("firstname", "a nested object where text is expected", ("firstname", new Hashtable { ["x"] = 1 })),
            ["list for a scalar"] = new Case("surname", "takes one value, got a list of 2 values", ("surname", new object[] { "a", "b" })),
            ["bool for text"] = new Case("firstname", "expected text, got true/false", ("firstname", true)),
            ["address as text"] = new Case("address", "the address has parts: name them address.city, address.postalcode... or give a nested object", ("address", "12 rue X")),
            ["same field twice"] = new Case("Email", "given twice with different values (also as 'mail')", ("mail", "a@example.org"), ("Email", "b@example.org")),
            ["number as tag"] = new Case("tags", "each tag must be a name, got a number", ("tags", new object[] { "a", 5 })),
            ["tag with a line break"] = new Case("tags", "tag 'a\nb': line breaks are not allowed in this field", ("tags", new object[] { "a\nb" })),
            ["bad id in action_ids"] = new Case("action_ids", "'abc' is not a number", ("action_ids", "12;abc")),
            ["negative user_contact_id"] = new Case("user_contact_id", "-3 is not a valid id", ("user_contact_id", -3)),
            ["note with unknown key"] = new Case("notes", "a note has no field 'colour'", ("notes", new object[] { new Hashtable { ["data"] = "x", ["colour"] = "red" } })),
            ["note without text"] = new Case("notes", "a note needs its text in data", ("notes", new object[] { new Hashtable { ["pinned"] = true } })),
            ["formdatas as text"] = new Case("formdatas", "expected a list of {form_id, form_ref_id, data} entries", ("formdatas", "consent_email")),
            ["formdatas with unknown refvalue"] = new Case("formdatas", "9999 is not a refvalue of 'Consent'", ("formdatas", new object[] { new Hashtable { ["form_id"] = 101, ["form_ref_id"] = 9999, ["data"] = "x" } })),
            ["custom_fields naming a survey"] = new Case("custom_fields", "form 101 is not a known custom field", ("custom_fields", new object[] { new Hashtable { ["form_id"] = 101, ["form_ref_id"] = 1011 } })),
            ["invalid UpdatedAt"] = new Case("UpdatedAt", "'yesterday' is not a valid date", ("UpdatedAt", "yesterday")),
            ["no field name"] = new Case("(no name)", "a value was given without a field name", ("  ", "x")),
            ["unsupported value type"] = new Case("firstname", "expected text, got a value of type Guid", ("firstname", Guid.Empty)),
        };

        public static TheoryData<string> CaseNames()
        {
            var names = new TheoryData<string>();
            foreach (var name in Cases.Keys) names.Add(name);
            return names;
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void ABadInputIsAProblemNamingTheFieldWithAClearMessage(string caseName)
        {
            var bad = Cases[caseName];
            var row = new List<KeyValuePair<string, object?>>();
            if (!bad.Cells.Any(c => c.Name.Equals("Id", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("ContactId", StringComparison.OrdinalIgnoreCase)) && caseName != "no id")
                row.Add(new KeyValuePair<string, object?>("Id", 83854766L));
            row.AddRange(bad.Cells.Select(c => new KeyValuePair<string, object?>(c.Name, c.Value)));

            var result = ContactChangesReader.Read(row, bad.Forms, new ContactReadOptions { RequireId = true });

            Assert.False(result.IsValid);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(bad.Field, problem.Field);
            Assert.Contains(bad.Message, problem.Message);
        }

        [Fact]
        public void ThereAreAtLeastThirtyDistinctCases() => Assert.True(Cases.Count >= 30, Cases.Count.ToString());

        [Fact]
        public void EveryProblemOfARecordIsReported()
        {
            var result = ContactChangesReader.Read(Body.Row(("Id", -1), ("frstname", "A"), ("age_category", 10), ("form:Nope", "x")),
                Forms.Catalog, new ContactReadOptions { RequireId = true });
            Assert.Equal(new[] { "Id", "frstname", "age_category", "form:Nope" }, result.Problems.Select(p => p.Field));
            Assert.Equal("frstname: unknown field; did you mean 'firstname'?", result.Problems[1].ToString());
        }

        [Fact]
        public void AProblemFieldIsNotInTheChanges()
        {
            var result = ContactChangesReader.Read(Body.Row(("age_category", 10), ("surname", "Ok")), Forms.Catalog, new ContactReadOptions());
            Assert.Equal(new[] { "surname" }, result.Changes.Fields.Select(f => f.Path));
        }

        [Fact]
        public void TheTextLimitCanBeChanged()
        {
            var result = ContactChangesReader.Read(Body.Row(("firstname", "Camille")), Forms.Catalog, new ContactReadOptions { MaxTextLength = 5 });
            Assert.Contains("longer than the limit of 5", Assert.Single(result.Problems).Message);
        }
    }
}
