using System.Net;
using System.Text.Json.Nodes;
using Qomon.Client.Search;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// A read that cannot go on without losing contacts fails whole, as a QomonApiException: a failed request, or a
    /// page with a contact the pager cannot place (no id, no lastchange). Nothing of such a page is handed out.
    /// </summary>
    public sealed class ContactPagerFailureTests
    {
        [Fact]
        public async Task ASearchTheServerRefusesFailsTheReadWithItsApiError()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var query = QueryTree.AllOf(new JsonArray(QueryTree.Condition("no_such_attribute", SearchOperators.Eql, "x")));
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = query, All = true });

            var error = await Assert.ThrowsAsync<QomonApiException>(() => pager.NextPageAsync(CancellationToken.None));

            Assert.Equal(422, error.StatusCode);
            Assert.Equal("/search", error.Path);
        }

        // The emulator always sends both keys, so these pages come from a scripted network. A contact without an id is
        // refused by the client's own page check before the pager sees it; either way the search fails whole.
        [Theory]
        [InlineData("{\"id\":1,\"lastchange\":\"2026-11-20T10:30:00.001Z\"},{\"id\":2}", "Contact 2 of the page (id 2) has no lastchange")]
        [InlineData("{\"id\":1,\"lastchange\":\"2026-11-20T10:30:00.001Z\"},{\"id\":2,\"lastchange\":\"soon\"}", "(id 2) has a lastchange that is not a date")]
        [InlineData("{\"lastchange\":\"2026-11-20T10:30:00.001Z\"}", "of data.contacts has no id")]
        public async Task APageWithAContactThePagerCannotPlaceFailsWhole(string contacts, string problem)
        {
            using var t = new TestConnection();
            t.Transport.Then(() => FakeTransport.Json(HttpStatusCode.OK, "{\"status\":\"success\",\"data\":{\"contacts\":[" + contacts + "]}}"));
            var pager = new ContactPager(t.Client, new ContactPagerOptions { All = true });

            var error = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(pager.NextPageAsync(CancellationToken.None)));

            Assert.Contains(problem, error.Detail + " | " + error.Message);
            Assert.True(error.IsUnexpectedResponse);
            Assert.Equal("POST", error.Method);
            Assert.Equal(0, pager.Returned);
        }

        [Fact]
        public async Task OnePageIsReadAtATime()
        {
            using var t = new TestConnection();
            var answer = new TaskCompletionSource<HttpResponseMessage>();
            t.Transport.Then((_, _) => answer.Task);
            var pager = new ContactPager(t.Client, new ContactPagerOptions { All = true });

            var first = pager.NextPageAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => pager.NextPageAsync(CancellationToken.None));

            answer.SetResult(FakeTransport.Json(HttpStatusCode.OK, "{\"status\":\"success\",\"data\":{\"contacts\":[]}}"));
            Assert.Empty((await t.Drive(first))!);
            Assert.Null(await pager.NextPageAsync(CancellationToken.None));
        }
    }
}
