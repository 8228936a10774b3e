using System.Collections.Concurrent;
using Qomon.Emulator.Model;

namespace Qomon.Emulator.Storage
{
    /// <summary>Hands out row ids while a write holds the store's lock, so ids are unique and increasing.</summary>
    public interface IIdSource
    {
        long NextAnswerId();
        long NextNoteId();
        long NextAddressId();
    }

    /// <summary>
    /// The contacts of one space. Thread-safe: writes take one lock; reads of a single contact and search
    /// snapshots never see a half-written contact because versions are immutable. Every write appends the new
    /// version to the contact's history, which outlives a DELETE so that nothing written is ever lost.
    /// </summary>
    public sealed class ContactStore : IIdSource
    {
        private readonly object _gate = new();
        private readonly Dictionary<long, Contact> _live = [];
        private readonly Dictionary<long, List<Contact>> _history = [];
        private readonly ConcurrentDictionary<string, int> _tagCounts = new(StringComparer.OrdinalIgnoreCase);
        private Contact[]? _snapshot;
        private readonly Dictionary<(string Attribute, bool Ascending), Contact[]> _sortedSnapshots = [];
        private long _nextContactId;
        private long _nextAnswerId;
        private long _nextNoteId;
        private long _nextAddressId;

        public ContactStore(long groupId, long firstContactId, long firstRowId)
        {
            GroupId = groupId;
            _nextContactId = firstContactId;
            _nextAnswerId = firstRowId;
            _nextNoteId = firstRowId / 10;
            _nextAddressId = firstRowId / 2;
        }

        public long GroupId { get; }

        public int Count { get { lock (_gate) return _live.Count; } }

        public Contact? Get(long id)
        {
            lock (_gate) return _live.GetValueOrDefault(id);
        }

        /// <summary>Creates a contact; build gets the new contact id and the id source, under the lock.</summary>
        public Contact Create(Func<long, IIdSource, Contact> build)
        {
            lock (_gate)
            {
                var contact = build(_nextContactId++, this);
                Store(null, contact);
                return contact;
            }
        }

        /// <summary>Replaces a live contact with what update makes of it; null when the id is unknown or update declines.</summary>
        public Contact? Update(long id, Func<Contact, IIdSource, Contact?> update)
        {
            lock (_gate)
            {
                if (!_live.TryGetValue(id, out var current)) return null;
                var next = update(current, this);
                if (next is null) return null;
                Store(current, next);
                return next;
            }
        }

        public bool Delete(long id)
        {
            lock (_gate)
            {
                if (!_live.Remove(id, out var removed)) return false;
                CountTags(removed.Tags, -1);
                Invalidate();
                return true;
            }
        }

        /// <summary>Every stored version of a contact, oldest first; null when it never existed.</summary>
        public IReadOnlyList<Contact>? History(long id)
        {
            lock (_gate) return _history.TryGetValue(id, out var versions) ? versions.ToArray() : null;
        }

        /// <summary>The live contacts in id order. Cached until the next write, so paging a large space is cheap.</summary>
        public Contact[] Snapshot()
        {
            lock (_gate)
            {
                if (_snapshot is null)
                {
                    _snapshot = [.. _live.Values];
                    Array.Sort(_snapshot, (a, b) => a.Id.CompareTo(b.Id));
                }
                return _snapshot;
            }
        }

        /// <summary>
        /// The live contacts in a search order, sorted once per attribute and direction until the next write, so
        /// paging through 50,000 contacts sorts them once rather than once per page.
        /// </summary>
        public Contact[] SortedSnapshot(string attribute, bool ascending, Func<Contact[], Contact[]> sort)
        {
            lock (_gate)
            {
                var all = Snapshot();
                if (!_sortedSnapshots.TryGetValue((attribute, ascending), out var sorted))
                    _sortedSnapshots[(attribute, ascending)] = sorted = sort(all);
                return sorted;
            }
        }

        /// <summary>
        /// What a search index that lags by some time would hold: for each live contact, its last version written
        /// (UpdatedAt) at or before the cutoff; contacts created after it are missing.
        /// </summary>
        public Contact[] IndexedAt(DateTime cutoff)
        {
            lock (_gate)
            {
                var indexed = new List<Contact>();
                foreach (var contact in Snapshot())
                {
                    if (contact.UpdatedAt <= cutoff) { indexed.Add(contact); continue; }
                    var versions = _history[contact.Id];
                    for (var i = versions.Count - 2; i >= 0; i--)
                    {
                        if (versions[i].UpdatedAt <= cutoff) { indexed.Add(versions[i]); break; }
                    }
                }
                return [.. indexed];
            }
        }

        public Contact? FindFirst(Func<Contact, bool> predicate) => Snapshot().FirstOrDefault(predicate);

        public int TagAppearances(string tag) => _tagCounts.GetValueOrDefault(tag);

        private void Store(Contact? previous, Contact next)
        {
            _live[next.Id] = next;
            if (!_history.TryGetValue(next.Id, out var versions))
                _history[next.Id] = versions = [];
            versions.Add(next);
            if (previous is not null) CountTags(previous.Tags, -1);
            CountTags(next.Tags, +1);
            Invalidate();
        }

        private void Invalidate()
        {
            _snapshot = null;
            _sortedSnapshots.Clear();
        }

        private void CountTags(IEnumerable<string> tags, int delta)
        {
            foreach (var tag in tags) _tagCounts.AddOrUpdate(tag, delta, (_, n) => n + delta);
        }

        public long NextAnswerId() => _nextAnswerId++;
        public long NextNoteId() => _nextNoteId++;
        public long NextAddressId() => _nextAddressId++;
    }
}
