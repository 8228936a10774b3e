using System.Text.Json.Nodes;
using Qomon.Client.Tests.Fakes;
using Xunit;

namespace Qomon.Client.Tests.Errors
{
    public class ErrorParsingTests
    {
        [Fact]
        public async Task DetailEndingInItsOwnPeriodReadsAsOneSentence()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(422, "{\"title\":\"Validation failed\",\"detail\":\"The contact is invalid.\"," +
                "\"errors\":[{\"location\":\"body.data.contact.mail\",\"message\":\"not an email\"}]}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.ReplaceContactAsync(123, new JsonObject(), CancellationToken.None)));

            Assert.Contains("The contact is invalid (", ex.Message);
            Assert.DoesNotContain("..", ex.Message);
            Assert.DoesNotContain(". (", ex.Message);
            Assert.EndsWith(").", ex.Message);
        }

        [Fact]
        public async Task ProblemJsonBecomesTitleDetailAndFieldErrors()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(422, "{\"type\":\"about:blank\",\"title\":\"Validation failed\",\"status\":422,\"detail\":\"The contact is invalid\"," +
                "\"instance\":\"/contacts/123\",\"errors\":[{\"location\":\"body.data.contact.mail\",\"message\":\"not an email\",\"value\":\"ada@\"}]}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.ReplaceContactAsync(123, new JsonObject(), CancellationToken.None)));

            Assert.Equal(422, ex.StatusCode);
            Assert.Equal("Validation failed", ex.Title);
            Assert.Equal("The contact is invalid", ex.Detail);
            var error = Assert.Single(ex.Errors);
            Assert.Equal("body.data.contact.mail", error.Location);
            Assert.Equal("not an email", error.Message);
            Assert.Equal("\"ada@\"", error.Value);
            Assert.Equal("PATCH", ex.Method);
            Assert.Equal("/contacts/123", ex.Path);
            Assert.Equal(1, ex.Attempts);
            Assert.False(ex.IsTransportFailure);
            Assert.StartsWith("PATCH /contacts/123 failed: 422 Unprocessable", ex.Message);
            Assert.Contains("Validation failed: The contact is invalid (body.data.contact.mail: not an email)", ex.Message);
        }

        [Fact]
        public async Task StatusFailBodyBecomesTheSameException()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(400, "{\"status\":\"fail\"}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(5, CancellationToken.None)));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("Bad Request", ex.Title);
            Assert.Null(ex.Detail);
            Assert.Empty(ex.Errors);
            Assert.Equal("GET /contacts/5 failed: 400 Bad Request", ex.Message);
        }

        [Fact]
        public async Task StatusFailWithDataMessageKeepsTheMessage()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(404, "{\"status\":\"fail\",\"data\":{\"message\":\"contact not found\"}}");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(5, CancellationToken.None)));

            Assert.Equal("contact not found", ex.Detail);
            Assert.True(ex.IsNotFound);
        }

        [Fact]
        public async Task ANonJsonErrorBodyBecomesTheDetail()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(400, "<html>Bad request</html>");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(5, CancellationToken.None)));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("<html>Bad request</html>", ex.Detail);
        }

        [Fact]
        public async Task AnEmptyErrorBodyStillGivesAUsefulMessage()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(403);

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetFormsByTypeAsync("consent", CancellationToken.None)));

            Assert.Equal("GET /v1/forms/type/consent failed: 403 Forbidden", ex.Message);
        }

        [Fact]
        public async Task ASuccessWithABodyThatIsNotJsonIsReported()
        {
            using var t = new TestConnection();
            t.Transport.ThenStatus(200, "not json");

            var ex = await Assert.ThrowsAsync<QomonApiException>(() => t.Drive(t.Client.GetContactAsync(5, CancellationToken.None)));

            Assert.True(ex.IsUnexpectedResponse);
            Assert.Equal("GET /contacts/5 answered 200, but the body is not JSON; it looks like plain text (application/json, 8 characters).", ex.Message);
        }
    }
}
