using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Json;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Tests.Merge.Fixtures;
using Qomon.Client.WriteShape;

namespace Qomon.Benchmarks
{
    /// <summary>
    /// Where the time of one merge + PATCH body goes, step by step, timed both by the wall clock and by this
    /// process's CPU time: on a machine shared with other work the wall clock includes waiting for a core, the
    /// CPU time does not. A diagnostic next to BenchmarkDotNet's figure, not a replacement for it.
    /// </summary>
    public static class MergeBreakdown
    {
        public static List<object> Run(int iterations)
        {
            var forms = ContactFixtureGenerator.Forms();
            var changes = ContactFixtureGenerator.TypicalChanges();
            var contact = ContactFixtureGenerator.Contact(1);
            var merged = ContactMerger.Merge(contact, changes, forms);
            // The dates one write shape rewrites at ms precision: 12 answer dates, 2 date answers' data, the birthdate.
            var dates = new List<string>();
            for (var i = 0; i < 12; i++) dates.Add("2025-02-03T10:11:12.345678Z");
            dates.Add("2026-03-01T00:00:00.000000Z");
            dates.Add("2020-01-15T00:00:00.000000Z");
            dates.Add("1975-07-06T00:00:00Z");
            var steps = new (string Name, Func<object> Step)[]
            {
                ("15 dates normalised (QomonDate.NormalizeIfTimestamp, as the write shape does)", () =>
                {
                    var length = 0;
                    foreach (var date in dates) length += QomonDate.NormalizeIfTimestamp(date).Length;
                    return length;
                }),
                ("write shape (ContactWriteShape.From)", () => ContactWriteShape.From(contact)),
                ("merge (ContactMerger.Merge, includes the write shape and the differences)", () => ContactMerger.Merge(contact, changes, forms)),
                ("PATCH body: envelope written to UTF-8 (JsonBody.ContactEnvelopeBytes)", () => JsonBody.ContactEnvelopeBytes(merged.Body)),
            };
            var rows = new List<object>();
            foreach (var (name, step) in steps)
            {
                // A second of warm-up per step: tiered compilation replaces the first (unoptimised) code only after
                // a call count and a background delay, and a short warm-up would time that first code.
                var warm = Stopwatch.StartNew();
                while (warm.ElapsedMilliseconds < 1000) step();
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++) step();
                clock.Stop();
                process.Refresh();
                rows.Add(new
                {
                    Step = name,
                    WallMicroseconds = clock.Elapsed.TotalMilliseconds * 1000 / iterations,
                    CpuMicroseconds = (process.TotalProcessorTime - cpu).TotalMilliseconds * 1000 / iterations,
                    AllocatedBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations,
                });
            }
            return rows;
        }
    }
}
