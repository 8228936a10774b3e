using Qomon.Emulator.Control;
using Qomon.Emulator.Faults;
using Qomon.Emulator.Model;
using Qomon.Emulator.RateLimiting;
using Qomon.Emulator.Seeding;
using Qomon.Emulator.Settings;
using Qomon.Emulator.Storage;
using Qomon.Emulator.Writes;

namespace Qomon.Emulator.Hosting
{
    /// <summary>
    /// Everything a running emulator holds: the current settings, one space per API key, the counters, the fault
    /// dice and the pending upserts. One instance per app, registered as a singleton.
    /// </summary>
    public sealed class EmulatorState
    {
        /// <summary>Space group ids and id ranges: distinct per space so an id never exists in two spaces.</summary>
        private const long FirstGroupId = 31457;
        private const long FirstContactId = 83_000_000;
        private const long ContactIdsPerSpace = 1_000_000;
        private const long FirstRowId = 210_000_000;
        private const long RowIdsPerSpace = 10_000_000;

        private readonly object _settingsGate = new();
        private EmulatorSettings _settings;

        public EmulatorState(EmulatorSettings settings, TimeProvider time)
        {
            _settings = settings;
            Time = time;
            Faults = new FaultInjector(settings.RandomSeed);
            Upserts = new UpsertScheduler(this);
            Spaces = settings.ApiKeys.Distinct(StringComparer.Ordinal)
                .Select((key, i) => new Space(key, FirstGroupId + i, NewStore(i), FormCatalog.Default, new TokenBucket(time, settings.Burst, settings.Rate)))
                .ToDictionary(s => s.ApiKey, StringComparer.Ordinal);
            SeedAll();
        }

        public TimeProvider Time { get; }
        public EmulatorSettings Settings => Volatile.Read(ref _settings);
        public IReadOnlyDictionary<string, Space> Spaces { get; }
        public EmulatorStats Stats { get; } = new();
        public FaultInjector Faults { get; }
        public UpsertScheduler Upserts { get; }

        /// <summary>Now, at the microsecond precision the API stores.</summary>
        public DateTime Now => Json.QomonDates.TruncateToMicroseconds(Time.GetUtcNow().UtcDateTime);

        public Space? FindSpace(string apiKey) => Spaces.GetValueOrDefault(apiKey);

        /// <summary>A contact's history from whichever space holds it (the control plane has no key).</summary>
        public IReadOnlyList<Contact>? History(long contactId, out Space? owner)
        {
            foreach (var space in Spaces.Values)
            {
                if (space.Contacts.History(contactId) is { } versions)
                {
                    owner = space;
                    return versions;
                }
            }
            owner = null;
            return null;
        }

        /// <summary>Swaps in new settings and brings the buckets and dice in line with them.</summary>
        public void Configure(Func<EmulatorSettings, EmulatorSettings> change)
        {
            lock (_settingsGate)
            {
                var before = Settings;
                var after = change(before);
                Volatile.Write(ref _settings, after);
                if (after.Burst != before.Burst || after.Rate != before.Rate)
                    foreach (var space in Spaces.Values) space.Bucket.Reconfigure(after.Burst, after.Rate);
                if (after.RandomSeed != before.RandomSeed) Faults.Reseed(after.RandomSeed);
            }
        }

        /// <summary>POST /_emulator/reset: counters to zero, pending upserts dropped, data re-seeded, buckets full.</summary>
        public void Reset()
        {
            lock (_settingsGate)
            {
                Upserts.CancelAll();
                Stats.Reset();
                Faults.Reseed(Settings.RandomSeed);
                var index = 0;
                foreach (var space in Spaces.Values)
                {
                    space.Contacts = NewStore(index++);
                    space.Bucket.Fill();
                }
                SeedAll();
            }
        }

        private ContactStore NewStore(int index) =>
            new(FirstGroupId + index, FirstContactId + index * ContactIdsPerSpace, FirstRowId + index * RowIdsPerSpace);

        private void SeedAll()
        {
            var index = 0;
            foreach (var space in Spaces.Values)
                SeedData.Populate(space.Contacts, space.Forms, Settings.Seed, Settings.RandomSeed, index++);
        }
    }
}
