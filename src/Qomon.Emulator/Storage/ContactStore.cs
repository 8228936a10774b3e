using System.Collections.Concurrent;
using Qomon.Emulator.Model;

namespace Qomon.Emulator.Storage;

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
    readonly object gate = new();
    readonly Dictionary<long, Contact> live = [];
    readonly Dictionary<long, List<Contact>> history = [];
    readonly ConcurrentDictionary<string, int> tagCounts = new(StringComparer.OrdinalIgnoreCase);
    Contact[]? snapshot;
    readonly Dictionary<(string Attribute, bool Ascending), Contact[]> sortedSnapshots = [];
    long nextContactId;
    long nextAnswerId;
    long nextNoteId;
    long nextAddressId;

    public ContactStore(long groupId, long firstContactId, long firstRowId)
    {
        GroupId = groupId;
        nextContactId = firstContactId;
        nextAnswerId = firstRowId;
        nextNoteId = firstRowId / 10;
        nextAddressId = firstRowId / 2;
    }

    public long GroupId { get; }

    public int Count { get { lock (gate) return live.Count; } }

    public Contact? Get(long id)
    {
        lock (gate) return live.GetValueOrDefault(id);
    }

    /// <summary>Creates a contact; build gets the new contact id and the id source, under the lock.</summary>
    public Contact Create(Func<long, IIdSource, Contact> build)
    {
        lock (gate)
        {
            var contact = build(nextContactId++, this);
            Store(null, contact);
            return contact;
        }
    }

    /// <summary>Replaces a live contact with what update makes of it; null when the id is unknown or update declines.</summary>
    public Contact? Update(long id, Func<Contact, IIdSource, Contact?> update)
    {
        lock (gate)
        {
            if (!live.TryGetValue(id, out var current)) return null;
            var next = update(current, this);
            if (next is null) return null;
            Store(current, next);
            return next;
        }
    }

    public bool Delete(long id)
    {
        lock (gate)
        {
            if (!live.Remove(id, out var removed)) return false;
            CountTags(removed.Tags, -1);
            Invalidate();
            return true;
        }
    }

    /// <summary>Every stored version of a contact, oldest first; null when it never existed.</summary>
    public IReadOnlyList<Contact>? History(long id)
    {
        lock (gate) return history.TryGetValue(id, out var versions) ? versions.ToArray() : null;
    }

    /// <summary>The live contacts in id order. Cached until the next write, so paging a large space is cheap.</summary>
    public Contact[] Snapshot()
    {
        lock (gate)
        {
            if (snapshot is null)
            {
                snapshot = [.. live.Values];
                Array.Sort(snapshot, (a, b) => a.Id.CompareTo(b.Id));
            }
            return snapshot;
        }
    }

    /// <summary>
    /// The live contacts in a search order, sorted once per attribute and direction until the next write, so
    /// paging through 50,000 contacts sorts them once rather than once per page.
    /// </summary>
    public Contact[] SortedSnapshot(string attribute, bool ascending, Func<Contact[], Contact[]> sort)
    {
        lock (gate)
        {
            var all = Snapshot();
            if (!sortedSnapshots.TryGetValue((attribute, ascending), out var sorted))
                sortedSnapshots[(attribute, ascending)] = sorted = sort(all);
            return sorted;
        }
    }

    /// <summary>
    /// What a search index that lags by some time would hold: for each live contact, its last version written
    /// (UpdatedAt) at or before the cutoff; contacts created after it are missing.
    /// </summary>
    public Contact[] IndexedAt(DateTime cutoff)
    {
        lock (gate)
        {
            var indexed = new List<Contact>();
            foreach (var contact in Snapshot())
            {
                if (contact.UpdatedAt <= cutoff) { indexed.Add(contact); continue; }
                var versions = history[contact.Id];
                for (var i = versions.Count - 2; i >= 0; i--)
                {
                    if (versions[i].UpdatedAt <= cutoff) { indexed.Add(versions[i]); break; }
                }
            }
            return [.. indexed];
        }
    }

    public Contact? FindFirst(Func<Contact, bool> predicate) => Snapshot().FirstOrDefault(predicate);

    public int TagAppearances(string tag) => tagCounts.GetValueOrDefault(tag);

    void Store(Contact? previous, Contact next)
    {
        live[next.Id] = next;
        if (!history.TryGetValue(next.Id, out var versions))
            history[next.Id] = versions = [];
        versions.Add(next);
        if (previous is not null) CountTags(previous.Tags, -1);
        CountTags(next.Tags, +1);
        Invalidate();
    }

    void Invalidate()
    {
        snapshot = null;
        sortedSnapshots.Clear();
    }

    void CountTags(IEnumerable<string> tags, int delta)
    {
        foreach (var tag in tags) tagCounts.AddOrUpdate(tag, delta, (_, n) => n + delta);
    }

    public long NextAnswerId() => nextAnswerId++;
    public long NextNoteId() => nextNoteId++;
    public long NextAddressId() => nextAddressId++;
}
