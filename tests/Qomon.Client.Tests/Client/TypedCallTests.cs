using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Client
{
    public class TypedCallTests
    {
        [Theory]
        [InlineData("{\"status\":\"success\",\"data\":{\"contact\":{\"id\":83854766,\"firstname\":\"Ada\",\"formdatas\":[],\"custom_fields\":[],\"x_new\":{\"a\":[1,2]}}}}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"id\":83854766,\"firstname\":\"Ada\",\"formdatas\":[],\"customfields\":[],\"x_new\":{\"a\":[1,2]}}}")]
        [InlineData("{\"id\":83854766,\"firstname\":\"Ada\",\"formdatas\":[],\"custom_fields\":[],\"x_new\":{\"a\":[1,2]}}")]
        public async Task GetContactUnwrapsEveryEnvelopeShapeAndKeepsUnknownFields(string body)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var contact = await t.Drive(t.Client.GetContactAsync(83854766, CancellationToken.None));

            Assert.Equal("GET /contacts/83854766", $"{t.Sent[0].Method} {t.Sent[0].PathAndQuery}");
            Assert.Equal(83854766, (long)contact["id"]!);
            Assert.Equal("{\"a\":[1,2]}", contact["x_new"]!.ToJsonString());
            Assert.Null(contact.Parent);
            new JsonObject { ["contact"] = contact }; // detached: can be placed in a new document
        }


        [Fact]
        public async Task CreatePostsTheContactEnvelopeAndReturnsTheStoredContact()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{\"contact\":{\"id\":42,\"firstname\":\"Ada\"}}}");
            var input = new JsonObject { ["firstname"] = "Ada" };

            var created = await t.Drive(t.Client.CreateContactAsync(input, CancellationToken.None));

            var sent = t.Sent.Single();
            Assert.Equal("POST", sent.Method);
            Assert.Equal("/contacts", sent.PathAndQuery);
            Assert.Equal("{\"data\":{\"contact\":{\"firstname\":\"Ada\"}}}", sent.Body);
            Assert.Equal(42, (long)created["id"]!);
            Assert.Null(input.Parent); // the caller's object is not adopted by the request
        }

        [Fact]
        public async Task DeleteSucceedsOn204()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(204);
            await t.Drive(t.Client.DeleteContactAsync(9, CancellationToken.None));
            Assert.Equal("DELETE /contacts/9", $"{t.Sent[0].Method} {t.Sent[0].PathAndQuery}");
        }

        [Fact]
        public async Task SearchPageSendsTheAdvancedSearchShape()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{\"contacts\":[{\"id\":1},{\"id\":2}]}}");
            var query = JsonNode.Parse("{\"$all\":[{\"$all\":[{\"$condition\":{\"attr\":\"UpdatedAt\",\"ope\":\"gte\",\"value\":\"now-1d/d\"}}]}]}")!.AsObject();

            var page = await t.Drive(t.Client.SearchPageAsync(query, 3, 1000, "lastchange", true, CancellationToken.None));

            var sent = t.Sent.Single();
            Assert.Equal("/search", sent.PathAndQuery);
            Assert.Equal("{\"data\":{\"advanced_search\":{\"per_page\":1000,\"page\":3,\"sort_attr\":\"lastchange\",\"sort_asc\":true,\"query\":" + query.ToJsonString() + "}}}", sent.Body);
            Assert.Equal(new long[] { 1, 2 }, page.Select(c => (long)c["id"]!));
            Assert.All(page, c => Assert.Null(c.Parent));
        }

        [Fact]
        public async Task SearchWithoutSortAttributeOmitsIt()
        {
            using var t = new TestConnection();
            await t.Drive(t.Client.SearchPageAsync(new JsonObject { ["$all"] = new JsonArray() }, 0, 10, null, false, CancellationToken.None));
            Assert.Equal("{\"data\":{\"advanced_search\":{\"per_page\":10,\"page\":0,\"sort_asc\":false,\"query\":{\"$all\":[]}}}}", t.Sent.Single().Body);
        }

        [Theory]
        [InlineData("{\"status\":\"success\",\"data\":{\"contacts\":null}}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"contacts\":[]}}")]
        public async Task ANullOrEmptyContactListIsAnEmptyPage(string body)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);
            var page = await t.Drive(t.Client.SearchPageAsync(new JsonObject { ["$all"] = new JsonArray() }, 0, 10, null, true, CancellationToken.None));
            Assert.Empty(page);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        public async Task PageSizeMustBeWithinQomonsLimits(int perPage)
        {
            using var t = new TestConnection();
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Client.SearchPageAsync(new JsonObject(), 0, perPage, null, true, CancellationToken.None));
            Assert.Empty(t.Sent);
        }

        [Fact]
        public async Task CountPostsTheQueryToKpiAndReadsTheTotal()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{\"total\":1042}}");

            var total = await t.Drive(t.Client.CountAsync(new JsonObject { ["$all"] = new JsonArray() }, CancellationToken.None));

            Assert.Equal(1042, total);
            var sent = t.Sent.Single();
            Assert.Equal("/kpi", sent.PathAndQuery);
            Assert.Equal("{\"data\":{\"advanced_search\":{\"query\":{\"$all\":[]}}}}", sent.Body);
        }

        private const string FormsBody = "{\"status\":\"success\",\"data\":{\"forms\":[" +
            "{\"id\":11,\"label\":\"Newsletter\",\"type\":\"checkbox\",\"group_id\":[1],\"refvalues\":[" +
                "{\"id\":111,\"form_id\":11,\"label\":\"By e-mail\",\"value\":\"consent_email\"},{\"id\":\"112\",\"form_id\":\"11\",\"label\":\"By SMS\",\"value\":\"consent_sms\"}]}," +
            "{\"id\":\"12\",\"label\":\"Comment\",\"type\":\"text\",\"refvalues\":[{\"id\":121,\"form_id\":12,\"label\":null,\"value\":null}]}]}}";

        [Fact]
        public async Task FormsOfATypeAreParsedWithTheirValues()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, FormsBody);

            var forms = await t.Drive(t.Client.GetFormsByTypeAsync("consent", CancellationToken.None));

            Assert.Equal("/v1/forms/type/consent", t.Sent.Single().PathAndQuery);
            Assert.Equal(2, forms.Count);
            var newsletter = forms[0];
            Assert.Equal(11, newsletter.Id);
            Assert.Equal("Newsletter", newsletter.Label);
            Assert.Equal("checkbox", newsletter.Type);
            Assert.Equal("consent", newsletter.Kind);
            Assert.Equal(new long[] { 111, 112 }, newsletter.RefValues.Select(v => v.Id));
            Assert.Equal("consent_sms", newsletter.RefValues[1].Value);
            Assert.Equal("By SMS", newsletter.RefValues[1].Label);
            Assert.Equal(11, newsletter.RefValues[1].FormId);
            var comment = forms[1];
            Assert.Equal(12, comment.Id);
            Assert.Null(comment.RefValues.Single().Label);
            Assert.Null(comment.RefValues.Single().Value);
        }

        [Fact]
        public async Task OneFormIsReadFromTheFormEnvelope()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{\"form\":{\"id\":5,\"label\":\"Support\",\"type\":\"radio\",\"refvalues\":[{\"id\":51,\"label\":\"Yes\",\"value\":\"yes\"}]}}}");

            var form = await t.Drive(t.Client.GetFormAsync(5, CancellationToken.None));

            Assert.Equal("/forms/5", t.Sent.Single().PathAndQuery);
            Assert.Equal("Support", form.Label);
            Assert.Equal(5, form.RefValues.Single().FormId); // absent form_id falls back to the form's id
        }

        [Fact]
        public async Task SendAsyncReturnsStatusBodyAndHeaders()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(202, "{\"ok\":true}", r => r.Headers.TryAddWithoutValidation("x-ratelimit-cost", "1"));

            var raw = await t.Drive(t.Client.SendAsync(HttpMethod.Post, "contacts/upsert?dry=1", new JsonObject { ["kind"] = "contact" }, CancellationToken.None));

            Assert.Equal(202, raw.StatusCode);
            Assert.True((bool)raw.Body!["ok"]!);
            Assert.Equal("1", raw.Headers["X-RateLimit-Cost"]);
            Assert.Equal("application/json; charset=utf-8", raw.Headers["content-type"]);
            Assert.Equal("/contacts/upsert?dry=1", t.Sent.Single().PathAndQuery);
            Assert.Equal("{\"kind\":\"contact\"}", t.Sent.Single().Body);
        }

        [Fact]
        public async Task SendAsyncGivesNullForAnEmptyBodyAndTextForNonJson()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(204).ThenStatus(200, "plain text");

            var empty = await t.Drive(t.Client.SendAsync(HttpMethod.Delete, "/contacts/1", null, CancellationToken.None));
            var text = await t.Drive(t.Client.SendAsync(HttpMethod.Get, "/health", null, CancellationToken.None));

            Assert.Null(empty.Body);
            Assert.Equal("plain text", (string)text.Body!);
        }

        [Fact]
        public async Task SendAsyncThrowsOnNonSuccess()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(404, "{\"title\":\"Not Found\",\"status\":404}");
            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.SendAsync(HttpMethod.Get, "/contacts/1", null, CancellationToken.None)));
            Assert.Equal(404, ex.StatusCode);
        }

        [Fact]
        public async Task ABaseUriWithAPathPrefixKeepsIt()
        {
            using var t = new TestConnection(s => s.BaseUri = new Uri("https://qomon.test/prefix/"));
            await t.Drive(t.Client.GetContactAsync(1, CancellationToken.None));
            Assert.Equal("/prefix/contacts/1", t.Sent.Single().PathAndQuery);
        }
    }
}
