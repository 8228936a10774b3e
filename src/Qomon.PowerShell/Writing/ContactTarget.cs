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
        /// <summary>"Contact 123 (Ann Smith)", or "Contact 123" when the contact has no name.</summary>
        internal static string Describe(long? id, JsonObject? contact)
        {
            var name = NameOf(contact);
            var subject = id.HasValue ? "Contact " + id.Value.ToString(CultureInfo.InvariantCulture) : "New contact";
            return name.Length == 0 ? subject : subject + " (" + name + ")";
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
