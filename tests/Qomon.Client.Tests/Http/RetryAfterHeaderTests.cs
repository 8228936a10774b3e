using System.Net;
using System.Net.Http;
using Qomon.Client.Http;
using Xunit;

namespace Qomon.Client.Tests.Http
{
    public class RetryAfterHeaderTests
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        private static TimeSpan? Read(string? value)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            if (value != null) response.Headers.TryAddWithoutValidation("Retry-After", value);
            return RetryAfterHeader.Read(response, Now);
        }

        [Fact] public void Seconds() => Assert.Equal(TimeSpan.FromSeconds(12), Read("12"));
        [Fact] public void FractionalSeconds() => Assert.Equal(TimeSpan.FromSeconds(1.5), Read("1.5"));
        [Fact] public void HttpDate() => Assert.Equal(TimeSpan.FromSeconds(30), Read(Now.AddSeconds(30).ToString("R")));
        [Fact] public void ADateInThePastMeansNow() => Assert.Equal(TimeSpan.Zero, Read(Now.AddSeconds(-30).ToString("R")));
        [Fact] public void Absent() => Assert.Null(Read(null));
        [Fact] public void Garbage() => Assert.Null(Read("soon"));
    }
}
