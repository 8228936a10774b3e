using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Changes;
using Qomon.Client.Connection;
using Qomon.Client.Merge;
using Qomon.Client.Model;
using Qomon.Client.Search;
using Qomon.Client.WriteShape;

namespace Qomon.Desktop.Tests
{
    /// <summary>
    /// Qomon.Client's whole handler chain (diagnostics, retry, budget, authentication, HttpClientHandler) on the
    /// .NET Framework API, against the emulator: what Windows PowerShell 5.1 users run.
    /// </summary>
    public static class Scenarios
    {
        private static readonly CancellationToken None = CancellationToken.None;

        // Pages are read before any write: a PATCH moves a contact to the end of this order.
        private const string Sort = "lastchange";

        public static void Run(CheckList checks, EmulatorProcess emulator)
        {
            using (var connection = Connections.Open(emulator, attempts: 6, timeout: TimeSpan.FromSeconds(10)))
            {
                var client = connection.Client;
                IReadOnlyList<JsonObject> first = Array.Empty<JsonObject>();
                long id = 0;

                checks.Check("connect and search the first page (page 0)", async () =>
                {
                    first = await client.SearchPageAsync(QueryTree.MatchAll(), 0, 10, Sort, true, None).ConfigureAwait(false);
                    CheckList.That(first.Count == 10, "page 0 has " + first.Count + " contacts");
                    id = (long)first[0]["id"]!;
                });

                checks.Check("search pages: the next page follows without overlap", async () =>
                {
                    var second = await client.SearchPageAsync(QueryTree.MatchAll(), 1, 10, Sort, true, None).ConfigureAwait(false);
                    CheckList.That(second.Count == 10, "page 1 has " + second.Count + " contacts");
                    var ids = first.Concat(second).Select(c => (long)c["id"]!).ToList();
                    CheckList.That(ids.Distinct().Count() == 20, "pages 0 and 1 overlap: " + string.Join(",", ids));
                });

                checks.Check("read a contact", async () =>
                {
                    var contact = await client.GetContactAsync(id, None).ConfigureAwait(false);
                    CheckList.That((long)contact["id"]! == id, "read " + contact["id"] + " for " + id);
                });

                checks.Check("merge one field and PATCH the whole contact", async () =>
                {
                    var before = await client.GetContactAsync(id, None).ConfigureAwait(false);
                    var changes = new ContactChanges();
                    changes.SetField("mobile", JsonValue.Create("+33 6 47 47 47 47"));
                    var merge = ContactMerger.Merge(before, changes, FormCatalog.Empty);
                    CheckList.That(merge.HasChanges, "the merge found no change");
                    await client.ReplaceContactAsync(id, merge.Body, None).ConfigureAwait(false);
                    var after = await client.GetContactAsync(id, None).ConfigureAwait(false);
                    CheckList.That((string?)after["mobile"] == "+33 6 47 47 47 47", "mobile is " + after["mobile"]);
                    // Everything else, answers and tags included, is stored as sent (row ids and dates are the server's).
                    var stored = ContactWriteShape.From(after);
                    CheckList.That(JsonNode.DeepEquals(merge.Body, stored), "stored " + stored.ToJsonString() + " for sent " + merge.Body.ToJsonString());
                });

                checks.Check("429 with Retry-After: reads wait and are retried until they succeed", async () =>
                {
                    // Half the requests are refused as if another program had spent the key's tokens (seeded dice).
                    await emulator.ConfigureAsync(("throttleRate", "0.5"), ("retryAfter", "\"seconds\"")).ConfigureAwait(false);
                    var retriesBefore = connection.Counters.Retries;
                    var throttledBefore = await Counter(emulator, "throttled").ConfigureAwait(false);
                    try
                    {
                        foreach (var contact in first.Take(4))
                            await client.GetContactAsync((long)contact["id"]!, None).ConfigureAwait(false);
                    }
                    finally { await emulator.ConfigureAsync(("throttleRate", "0")).ConfigureAwait(false); }
                    var throttled = await Counter(emulator, "throttled").ConfigureAwait(false) - throttledBefore;
                    CheckList.That(throttled > 0, "the emulator refused no request");
                    CheckList.That(connection.Counters.Retries - retriesBefore == throttled, (connection.Counters.Retries - retriesBefore) + " retries for " + throttled + " answers 429");
                });

                checks.Check("reset connections: reads are retried until they succeed", async () =>
                {
                    await emulator.ConfigureAsync(("resetRate", "0.5")).ConfigureAwait(false);
                    var retriesBefore = connection.Counters.Retries;
                    var faultsBefore = await Counter(emulator, "faultsInjected").ConfigureAwait(false);
                    try
                    {
                        foreach (var contact in first.Skip(4).Take(4))
                            await client.GetContactAsync((long)contact["id"]!, None).ConfigureAwait(false);
                    }
                    finally { await emulator.ConfigureAsync(("resetRate", "0")).ConfigureAwait(false); }
                    var resets = await Counter(emulator, "faultsInjected").ConfigureAwait(false) - faultsBefore;
                    CheckList.That(resets > 0, "the emulator reset no connection");
                    // Fewer retries than resets is the framework's own doing: HttpWebRequest resends a GET once
                    // when a kept-alive connection fails, before the retry handler sees anything.
                    var retries = connection.Counters.Retries - retriesBefore;
                    CheckList.That(retries >= 1 && retries <= resets, retries + " retries for " + resets + " resets");
                });

                checks.Check("a PATCH whose connection was reset is not resent (merge mode) and is reported as an unknown outcome", async () =>
                {
                    var current = await client.GetContactAsync(id, None).ConfigureAwait(false);
                    await emulator.ConfigureAsync(("resetRate", "1")).ConfigureAwait(false);
                    QomonApiException? failure = null;
                    try { await client.ReplaceContactAsync(id, ContactWriteShape.From(current), callerResends: true, None).ConfigureAwait(false); }
                    catch (QomonApiException ex) { failure = ex; }
                    finally { await emulator.ConfigureAsync(("resetRate", "0")).ConfigureAwait(false); }
                    CheckList.That(failure != null, "the PATCH did not fail");
                    CheckList.That(failure!.IsTransportFailure && failure.OutcomeUnknown && failure.Attempts == 1,
                        "transport " + failure.IsTransportFailure + ", unknown " + failure.OutcomeUnknown + ", attempts " + failure.Attempts + ": " + failure.Message);
                });
            }

            using (var connection = Connections.Open(emulator, attempts: 2, timeout: TimeSpan.FromMilliseconds(500)))
            {
                checks.Check("a request without an answer within the timeout is a timeout, retried, then reported", async () =>
                {
                    await emulator.ConfigureAsync(("slowRate", "1"), ("slowMs", "1500")).ConfigureAwait(false);
                    QomonApiException? failure = null;
                    try { await connection.Client.GetContactAsync(1, None).ConfigureAwait(false); }
                    catch (QomonApiException ex) { failure = ex; }
                    finally { await emulator.ConfigureAsync(("slowRate", "0")).ConfigureAwait(false); }
                    CheckList.That(failure != null, "the read did not fail");
                    CheckList.That(failure!.Title == "Timeout" && failure.Attempts == 2, "title " + failure.Title + ", attempts " + failure.Attempts + ": " + failure.Message);
                });
            }
        }

        private static async Task<long> Counter(EmulatorProcess emulator, string name)
        {
            var stats = await emulator.StatsAsync().ConfigureAwait(false);
            var match = Regex.Match(stats, "\"" + name + "\":(\\d+)");
            if (!match.Success) throw new CheckFailedException("no " + name + " in " + stats);
            return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
