using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Writing
{
    /// <summary>How confirmations, -WhatIf and errors name a contact and its fields for people.</summary>
    internal static class ContactTarget
    {
        /// <summary>
        /// "Contact 123 (Ann Smith, ann@example.org)", with what the contact has of the two; "Contact 123" when it has
        /// neither or was not read. The mail tells two people of the same name apart before one of them is changed or deleted.
        /// </summary>
        internal static string Describe(long? id, JsonObject? contact)
        {
            var who = string.Join(", ", new[] { NameOf(contact), contact == null ? "" : Text(contact, "mail") }.Where(p => p.Length > 0));
            var subject = id.HasValue ? "Contact " + id.Value.ToString(CultureInfo.InvariantCulture) : "New contact";
            return who.Length == 0 ? subject : subject + " (" + who + ")";
        }

        internal static string NameOf(JsonObject? contact)
        {
            if (contact == null) return "";
            var parts = new[] { Text(contact, "firstname"), Text(contact, "surname") }.Where(p => p.Length > 0);
            return string.Join(" ", parts);
        }

        private static string Text(JsonObject contact, string key) =>
            contact.TryGetPropertyValue(key, out var node) ? (JsonRead.GetText(node) ?? "").Trim() : "";
    }
}
