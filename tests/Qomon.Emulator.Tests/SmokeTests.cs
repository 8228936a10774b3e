using Xunit;

namespace Qomon.Emulator.Tests
{
    public class SmokeTests
    {
        [Fact]
        public void Placeholder() => Assert.Equal(2, 1 + 1);
    }
}
