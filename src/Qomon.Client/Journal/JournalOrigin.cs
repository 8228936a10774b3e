using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client.Json;

namespace Qomon.Client.Journal
{
    /// <summary>
    /// Whether a journal was written against the space a connection reaches: the same API endpoint, and the same space
    /// (group_id), told by reading a few of the journal's contacts. Resuming or undoing another space's journal would
    /// write its changes to other people's contacts.
    /// </summary>
    public static class JournalOrigin
    {
        private const int ContactsToCheck = 3;

        /// <summary>Null when the journal belongs to the connection's space; otherwise why not, in words.</summary>
        public static async Task<string?> WhyNotThisSpaceAsync(QomonConnection connection, JournalContents contents, CancellationToken cancellationToken)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            var runs = contents.Entries.Where(e => e.Kind == JournalEntry.RunKind).ToList();
            var here = connection.BaseUri.ToString();
            var other = runs.FirstOrDefault(r => !string.Equals(r.Endpoint, here, StringComparison.OrdinalIgnoreCase));
            if (other != null)
                return "it was written for " + other.Endpoint + " (line " + other.LineNumber.ToString(CultureInfo.InvariantCulture) + "), and this connection is to " + here;

            var records = JournalRecord.Of(contents);
            var spaces = SpacesOf(runs, records);
            if (spaces.Count > 1) return "it holds runs in more than one space (group_id " + string.Join(", ", spaces) + ")";
            if (spaces.Count == 0) return null;
            var space = spaces[0];
            var ids = records.Where(r => r.Id.HasValue && r.Outcome != JournalOutcomes.Removed).Select(r => r.Id!.Value).Distinct().Take(ContactsToCheck).ToList();
            foreach (var id in ids)
            {
                System.Text.Json.Nodes.JsonObject contact;
                try { contact = await connection.Client.GetContactAsync(id, cancellationToken).ConfigureAwait(false); }
                catch (QomonApiException e) when (e.StatusCode == 404) { continue; }
                if (contact.TryGetPropertyValue("group_id", out var group) && JsonRead.TryGetLong(group, out var groupId) && groupId != space)
                    return "it was written in space " + space.ToString(CultureInfo.InvariantCulture) + ", and this connection reaches space " +
                        groupId.ToString(CultureInfo.InvariantCulture) + " (contact " + id.ToString(CultureInfo.InvariantCulture) + ")";
                return null;
            }
            return ids.Count == 0 ? null : "none of its contacts (" + string.Join(", ", ids) + ") is in the space this connection reaches";
        }

        /// <summary>The spaces the journal's runs wrote in: the run line's space, else the group_id of the first contact read.</summary>
        public static IReadOnlyList<long> SpacesOf(IEnumerable<JournalEntry> runs, IEnumerable<JournalRecord> records)
        {
            var spaces = new List<long>();
            var firstSeen = records.Where(r => r.Before != null).GroupBy(r => r.Run)
                .ToDictionary(g => g.Key, g => JsonRead.TryGetLong(g.First().Before!["group_id"], out var id) ? id : (long?)null);
            foreach (var run in runs)
            {
                var space = run.Space ?? (firstSeen.TryGetValue(run.Run, out var seen) ? seen : null);
                if (space.HasValue && !spaces.Contains(space.Value)) spaces.Add(space.Value);
            }
            return spaces;
        }
    }
}
