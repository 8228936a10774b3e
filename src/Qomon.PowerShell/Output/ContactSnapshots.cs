using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Qomon.Client.Model;
using Qomon.PowerShell.Infrastructure;

namespace Qomon.PowerShell.Output
{
    /// <summary>
    /// The contact as it was read, kept out of sight beside each Qomon.Contact object: not a property (a user
    /// could change it, Export-Csv would write it) but a weak side table, gone when the object is collected.
    /// Set-QomonContact uses it to merge only what the caller changed since the read, so a concurrent edit of
    /// another field on the server survives.
    /// </summary>
    public static class ContactSnapshots
    {
        private sealed class Snapshot
        {
            public Snapshot(JsonObject asRead, FormCatalog forms)
            {
                AsRead = asRead;
                Forms = forms;
            }

            public JsonObject AsRead { get; }

            // Taken when the object is made, just after the read: the upsert path looks for changes since then.
            public System.DateTimeOffset ReadAt { get; } = System.DateTimeOffset.UtcNow;
            public FormCatalog Forms { get; }

            /// <summary>The Answers view, built on first access and kept, so that an assignment to it is remembered.</summary>
            public AnswersView? Answers { get; set; }
        }

        private static readonly ConditionalWeakTable<PSObject, Snapshot> Table = new ConditionalWeakTable<PSObject, Snapshot>();

        /// <summary>Records the contact as read. The JSON is kept as given: do not modify it afterwards.</summary>
        public static void Remember(PSObject contact, JsonObject asRead, FormCatalog forms)
        {
            Table.Remove(contact);
            Table.Add(contact, new Snapshot(asRead, forms));
        }

        /// <summary>True for an object that Get-QomonContact (or a write's -PassThru) produced.</summary>
        public static bool IsQomonContact(PSObject? contact) => contact != null && Table.TryGetValue(contact, out _);

        /// <summary>A copy of the contact as it was read, or false when the object was not read by this module.</summary>
        public static bool TryGetOriginal(PSObject contact, out JsonObject original)
        {
            if (Table.TryGetValue(contact, out var snapshot))
            {
                original = (JsonObject)snapshot.AsRead.DeepClone();
                return true;
            }
            original = null!;
            return false;
        }

        /// <summary>When the contact was read (this machine's clock), or null when the object was not read by this module.</summary>
        internal static System.DateTimeOffset? ReadAtOf(PSObject contact) =>
            Table.TryGetValue(contact, out var snapshot) ? snapshot.ReadAt : (System.DateTimeOffset?)null;

        /// <summary>
        /// The pair a merge needs: the contact as read and as it is now, after the caller's in-place edits
        /// (its NoteProperties, converted back to JSON). Feed both to ContactChangeDetector.Between.
        /// </summary>
        public static bool TryGetEdit(PSObject contact, out JsonObject original, out JsonObject current)
        {
            current = null!;
            if (!TryGetOriginal(contact, out original)) return false;
            current = PowerShellToJson.ConvertContact(contact);
            return true;
        }

        /// <summary>The contact's Answers view (built on first access), or null when the object was not read by this module.</summary>
        internal static AnswersView? AnswersOf(PSObject contact)
        {
            if (!Table.TryGetValue(contact, out var snapshot)) return null;
            lock (snapshot)
            {
                return snapshot.Answers ??= ContactAnswers.Build(snapshot.AsRead, snapshot.Forms);
            }
        }

        /// <summary>The Answers view if it was ever shown (only then can it hold an edit).</summary>
        internal static AnswersView? AnswersIfShown(PSObject contact)
        {
            if (!Table.TryGetValue(contact, out var snapshot)) return null;
            lock (snapshot) return snapshot.Answers;
        }

        /// <summary>The forms that were current when the contact was read.</summary>
        internal static bool TryGet(PSObject contact, out JsonObject asRead, out FormCatalog forms)
        {
            if (Table.TryGetValue(contact, out var snapshot))
            {
                asRead = snapshot.AsRead;
                forms = snapshot.Forms;
                return true;
            }
            asRead = null!;
            forms = null!;
            return false;
        }
    }
}
