using Qomon.Client.Diagnostics;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Diagnostics
{
    public class DiagnosticsTests
    {
        [Fact]
        public async Task EachCallWritesOneVerboseLineWithStatusTimeAndBudget()
        {
            using var t = new TestConnection();
            t.Transport.Then(async (_, ct) =>
            {
                t.Clock.Advance(TimeSpan.FromMilliseconds(184));
                await Task.Yield();
                return FakeTransport.Json(System.Net.HttpStatusCode.OK, MinimalAnswers.Contact(123));
            });

            // Not Drive: a full bucket makes the call wait for nothing, and Drive's own steps of fake time, taken while a
            // loaded machine was slow to finish the call, once made it 234 ms and the budget 97/100.
            await t.Client.ReplaceContactAsync(123, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("PATCH /contacts/123 -> 200 in 184 ms; budget 96/100", Assert.Single(t.Log.Verbose));
        }

        [Fact]
        public async Task TheVerboseLineSaysHowLongTheCallWaitedForTokens()
        {
            using var t = new TestConnection();
            for (var i = 0; i < 20; i++)
                await t.Drive(t.Client.ReplaceContactAsync(i, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None));

            await t.Drive(t.Client.ReplaceContactAsync(99, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None), TimeSpan.FromMilliseconds(100));

            Assert.Matches(@"^PATCH /contacts/99 -> 200 in \d+ ms; budget 0/100 \(waited 5\d\d ms for tokens\)$", t.Log.Verbose.Last());
        }

        [Fact]
        public async Task DebugLinesShowHeadersAndBodies()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, MinimalAnswers.Contact(5), r => r.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "99"));

            await t.Drive(t.Client.ReplaceContactAsync(5, new System.Text.Json.Nodes.JsonObject { ["firstname"] = "Ada" }, CancellationToken.None));

            Assert.Contains(t.Log.Debug, l => l.StartsWith("HTTP request PATCH https://qomon.test/contacts/5") && l.Contains("{\"data\":{\"contact\":{\"firstname\":\"Ada\"}}}"));
            Assert.Contains(t.Log.Debug, l => l.StartsWith("HTTP response 200") && l.Contains("x-ratelimit-remaining: 99") && l.Contains("\"id\":5"));
        }

        [Fact]
        public async Task LogScopesAreRestoredAndDoNotLeakAcrossFlows()
        {
            var outer = new RecordingLog();
            var inner = new RecordingLog();
            using (QomonLog.Use(outer))
            {
                using (QomonLog.Use(inner))
                    QomonLog.Current.Verbose("inner");
                QomonLog.Current.Verbose("outer");
                await Task.Run(() => QomonLog.Current.Verbose("flowed"));
            }
            QomonLog.Current.Verbose("nowhere");

            Assert.Equal(new[] { "inner" }, inner.Verbose);
            Assert.Equal(new[] { "outer", "flowed" }, outer.Verbose);
        }
    }
}
