using System;
using System.Globalization;
using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Model;

namespace Qomon.Client.Search
{
    /// <summary>
    /// What the pager keys a searched contact by: its id (each contact once) and its lastchange, truncated to the
    /// millisecond Qomon shows (where the next page starts). A contact without either cannot be placed, and
    /// skipping it would lose it from the read without a word, so the whole page fails instead.
    /// </summary>
    public readonly struct ContactPagerKeys
    {
        public const string LastChangeKey = "lastchange";

        public ContactPagerKeys(long id, DateTimeOffset lastChange)
        {
            Id = id;
            LastChange = lastChange;
        }

        public long Id { get; }

        /// <summary>UTC, millisecond precision.</summary>
        public DateTimeOffset LastChange { get; }

        /// <summary>The keys of a contact from a search page; a QomonApiException (the search's failure) when one is missing.</summary>
        public static ContactPagerKeys Of(JsonObject contact, int position)
        {
            if (!JsonRead.TryGetLong(contact["id"], out var id)) throw Unusable(position, "has no numeric id");
            var text = contact[LastChangeKey] is JsonValue value && value.TryGetValue(out string? s) ? s : null;
            if (!QomonDate.TryParse(text, out var lastChange))
                throw Unusable(position, text == null ? $"(id {id}) has no {LastChangeKey}" : $"(id {id}) has a {LastChangeKey} that is not a date");
            return new ContactPagerKeys(id, QomonDate.TruncateToMilliseconds(lastChange));
        }

        private static QomonApiException Unusable(int position, string problem)
        {
            var detail = string.Format(CultureInfo.InvariantCulture,
                "Contact {0} of the page {1}; the pager sorts and resumes on id and {2}, so it cannot place this contact and stops rather than lose it.",
                position, problem, LastChangeKey);
            return new QomonApiException("POST /search answered 200, but " + char.ToLowerInvariant(detail[0]) + detail.Substring(1),
                200, "POST", "/search", 1, "Unexpected response", detail, unexpectedResponse: true);
        }
    }
}
