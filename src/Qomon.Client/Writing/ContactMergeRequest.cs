using System;
using System.Text.Json.Nodes;
using Qomon.Client.Changes;
using Qomon.Client.Journal;

namespace Qomon.Client.Writing
{
    /// <summary>One contact to merge changes into: what to change and what the caller saw, for the conflict checks.</summary>
    public sealed class ContactMergeRequest
    {
        public ContactMergeRequest(long id, ContactChanges changes)
        {
            Id = id;
            Changes = changes ?? throw new ArgumentNullException(nameof(changes));
        }

        public long Id { get; }

        public ContactChanges Changes { get; private set; }

        /// <summary>
        /// For changes that depend on what the server holds (undo puts back only the fields that still hold what a run
        /// wrote): called with the read the merge is planned from, and what it returns becomes <see cref="Changes"/>.
        /// </summary>
        public Func<JsonObject, ContactChanges>? ChangesFromRead { get; set; }

        /// <summary>A contact the caller read and edited: a field the server changed since, which the changes touch too, is a conflict.</summary>
        public JsonObject? AsRead { get; set; }

        /// <summary>When AsRead was read (by the caller's clock). The upsert path looks for changes made since; without it, since AsRead's UpdatedAt.</summary>
        public DateTimeOffset? ReadAt { get; set; }

        /// <summary>The UpdatedAt the caller's input carries: a contact changed on the server after it is a conflict (whole-contact check).</summary>
        public DateTimeOffset? SeenUpdatedAt { get; set; }

        /// <summary>Write even over a conflict.</summary>
        public bool Force { get; set; }

        /// <summary>The record's journal (-Journal): told of each request before it is sent; null when not journaled.</summary>
        public IWriteJournal? Journal { get; set; }

        internal void PlanFrom(JsonObject current)
        {
            if (ChangesFromRead != null) Changes = ChangesFromRead(current) ?? throw new InvalidOperationException("ChangesFromRead returned no changes.");
        }
    }
}
