using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Client
{
    /// <summary>
    /// Issue 15's table: every answer that is not the contact asked for, complete with its answer lists, is refused
    /// as an unexpected response, named by key and shape only; for a PATCH it leaves the outcome unknown (read back)
    /// and is never resent.
    /// </summary>
    public class ContactBaseCheckTests
    {
        // Personal data that must never reach a message: the answers below carry it.
        private const string Mobile = "+33612345678";
        private const string Name = "Lovelace";
        private const string Person = "\"firstname\":\"Ada\",\"surname\":\"" + Name + "\",\"mobile\":\"" + Mobile + "\"";
        private const string Lists = "\"formdatas\":[],\"custom_fields\":[]";

        public static TheoryData<string, string> NotTheContact => new()
        {
            { "{\"status\":\"success\",\"data\":null}", "data is null" },
            { "{\"data\":{\"contact\":null}}", "data.contact is null" },
            { "{\"data\":{\"contact\":{}}}", "data.contact is an empty object" },
            { "{\"data\":{\"contact\":{" + Person + "," + Lists + "}}}", "data.contact has no id" },
            { "{\"data\":{\"contact\":{\"id\":999," + Person + "," + Lists + "}}}", "data.contact is contact 999 where 123 was asked for" },
            { "{\"data\":{\"contact\":{\"id\":\"" + Name + "\"," + Lists + "}}}", "data.contact has an id that is a string, not an integer" },
            { "[{\"id\":123," + Person + "," + Lists + "}]", "the body is an array, not an object" },
            { "{\"data\":[{\"id\":123," + Person + "," + Lists + "}]}", "data is an array" },
            { "{\"data\":{\"contact\":{\"id\":123," + Person + ",\"custom_fields\":[]}}}", "data.contact has no formdatas list" },
            { "{\"data\":{\"contact\":{\"id\":123," + Person + ",\"formdatas\":[]}}}", "data.contact has no custom-field list (custom_fields or customfields)" },
            { "{\"data\":{\"contact\":{\"id\":123," + Person + ",\"formdatas\":null,\"custom_fields\":[]}}}", "data.contact.formdatas is null, not a list" },
            { "{\"data\":{\"contact\":{\"id\":123," + Person + ",\"formdatas\":[],\"customfields\":{\"a\":1}}}}", "data.contact.customfields is an object, not a list" },
            { "{\"data\":{\"contact\":{\"id\":123," + Person + ",\"formdatas\":[],\"custom_fields\":\"" + Mobile + "\"}}}", "data.contact.custom_fields is a string, not a list" },
            { "{\"status\":\"success\"}", "the body has no id" },
            { "", "the body is empty or null" },
            { "null", "the body is empty or null" },
        };

        [Theory]
        [MemberData(nameof(NotTheContact))]
        public async Task AReadThatIsNotTheContactAskedForIsRefusedNamingTheProblem(string body, string problem)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(123, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.False(ex.OutcomeUnknown);
            Assert.Equal(200, ex.StatusCode);
            Assert.Equal("GET /contacts/123 answered 200, but the answer is not the contact asked for: " + problem + ".", ex.Message);
            AssertNoPersonalData(ex);
            Assert.Single(t.Sent);
        }

        [Theory]
        [MemberData(nameof(NotTheContact))]
        public async Task APatchAnsweredWithAnythingButTheContactHasAnUnknownOutcomeAndIsNotResent(string body, string problem)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() =>
                t.Drive(t.Client.ReplaceContactAsync(123, new JsonObject { ["mobile"] = Mobile }, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.True(ex.OutcomeUnknown);
            Assert.StartsWith("PATCH /contacts/123 answered 200, but the answer is not the contact asked for: " + problem + ". The outcome is unknown", ex.Message);
            Assert.Contains("The outcome is unknown", ex.Detail);
            AssertNoPersonalData(ex);
            Assert.Single(t.Sent);
        }

        [Theory]
        [InlineData("{\"status\":\"success\",\"data\":{\"contact\":{\"id\":123,\"formdatas\":[],\"custom_fields\":[]}}}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"contact\":{\"id\":\"123\",\"formdatas\":[{\"form_id\":1}],\"customfields\":[]}}}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"contact\":{\"id\":123,\"formdatas\":[],\"custom_fields\":[],\"customfields\":[]}}}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"id\":123,\"formdatas\":[],\"custom_fields\":[]}}")]
        [InlineData("{\"contact\":{\"id\":123,\"formdatas\":[],\"custom_fields\":[]}}")]
        public async Task TheContactWithItsListsIsAcceptedEmptyOrNotUnderEitherCustomFieldKey(string body)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var contact = await t.Drive(t.Client.GetContactAsync(123, CancellationToken.None));

            Assert.True(contact.ContainsKey("formdatas"));
            Assert.Null(contact.Parent);
        }

        [Theory]
        [InlineData("{\"status\":\"success\",\"data\":null}", "data is null")]
        [InlineData("{\"data\":{\"contact\":{" + Person + "}}}", "data.contact has no id")]
        [InlineData("{\"data\":{\"contact\":{\"id\":0}}}", "data.contact has an id that is not a positive number")]
        [InlineData("[{\"id\":5}]", "the body is an array, not an object")]
        public async Task ACreateAnsweredWithoutTheNewIdHasAnUnknownOutcomeAndIsNotResent(string body, string problem)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() =>
                t.Drive(t.Client.CreateContactAsync(new JsonObject { ["mobile"] = Mobile }, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.True(ex.OutcomeUnknown);
            Assert.StartsWith("POST /contacts answered 200, but the answer is not the created contact: " + problem + ".", ex.Message);
            AssertNoPersonalData(ex);
            Assert.Single(t.Sent);
        }

        [Fact]
        public async Task ACreatedContactNeedsOnlyItsId()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{\"contact\":{\"id\":77}}}");
            var created = await t.Drive(t.Client.CreateContactAsync(new JsonObject(), CancellationToken.None));
            Assert.Equal(77, (long)created["id"]!);
        }

        [Theory]
        [InlineData("{\"data\":{\"contacts\":[{\"id\":1},{" + Person + "},{\"id\":3}]}}", "contact 2 of data.contacts has no id")]
        [InlineData("{\"data\":{\"contacts\":[{\"id\":1},\"" + Mobile + "\"]}}", "contact 2 of data.contacts is a string")]
        [InlineData("{\"data\":{\"contacts\":[null]}}", "contact 1 of data.contacts is null")]
        [InlineData("{\"data\":{\"contacts\":{\"id\":1}}}", "data.contacts is an object, not a list")]
        [InlineData("{\"status\":\"success\",\"data\":null}", "data is null")]
        [InlineData("{\"status\":\"success\",\"data\":{}}", "data has no contacts key")]
        [InlineData("{\"status\":\"success\"}", "the body has no contacts key")]
        [InlineData("", "the body is empty or null")]
        public async Task ASearchPageWithAnythingButContactsWithIdsFailsWhole(string body, string problem)
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, body);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() =>
                t.Drive(t.Client.SearchPageAsync(new JsonObject { ["$all"] = new JsonArray() }, 0, 10, null, true, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.False(ex.OutcomeUnknown);
            Assert.Equal("POST /search answered 200, but the answer is not a page of contacts: " + problem + ".", ex.Message);
            AssertNoPersonalData(ex);
        }

        [Fact]
        public async Task ACountWithoutATotalIsAnUnexpectedResponse()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "{\"status\":\"success\",\"data\":{}}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.CountAsync(new JsonObject { ["$all"] = new JsonArray() }, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.Equal("POST /kpi answered 200, but the answer is not a count: it has no data.total number.", ex.Message);
        }

        private const string PortalPage = "<!DOCTYPE html><html><head><title>Hotel Wifi login</title></head><body>Welcome " + Name + "</body></html>";

        [Theory]
        [InlineData(PortalPage, "text/html", "an HTML page (text/html, 101 characters), as a proxy, a gateway or a captive portal sends")]
        [InlineData(PortalPage, "application/json", "an HTML page (application/json, 101 characters), as a proxy, a gateway or a captive portal sends")]
        [InlineData("Service " + Name + " unavailable", "text/plain", "plain text (text/plain, 28 characters)")]
        [InlineData("<?xml version=\"1.0\"?><error>" + Name + "</error>", "application/xml", "an XML document (application/xml, 44 characters)")]
        [InlineData("{\"id\":123,\"mobile\":\"" + Mobile, "application/json", "plain text (application/json, 32 characters)")]
        public async Task ABodyThatIsNotJsonIsDescribedByItsLookAndContentTypeNeverQuoted(string body, string contentType, string looksLike)
        {
            using var t = new TestConnection();
            t.Transport.Then(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) });

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(123, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.Equal("GET /contacts/123 answered 200, but the body is not JSON; it looks like " + looksLike + ".", ex.Message);
            Assert.DoesNotContain("Wifi", ex.Message);
            AssertNoPersonalData(ex);
        }

        [Fact]
        public async Task APatchAnsweredWithAPortalPageHasAnUnknownOutcome()
        {
            using var t = new TestConnection();
            t.Transport.Then(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(PortalPage, Encoding.UTF8, "text/html") });

            var ex = await Assert.ThrowsAsync<QomonApiException>(() =>
                t.Drive(t.Client.ReplaceContactAsync(123, new JsonObject(), callerResends: true, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.True(ex.OutcomeUnknown);
            Assert.Single(t.Sent);
        }

        private static void AssertNoPersonalData(QomonApiException ex)
        {
            foreach (var text in new[] { ex.Message, ex.Detail ?? "", ex.ToString() })
            {
                Assert.DoesNotContain(Mobile, text);
                Assert.DoesNotContain(Name, text);
                Assert.DoesNotContain("Ada", text);
            }
        }
    }
}
