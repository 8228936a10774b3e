using Qomon.Client.Model;
using Xunit;

namespace Qomon.Client.Tests
{
    public class SmokeTests
    {
        [Fact]
        public void FreeTextFormsAreRecognised() => Assert.True(new QomonForm { Type = "date" }.IsFreeText);
    }
}
