using Xunit;

namespace Qomon.Client.Tests.Fakes
{
    public sealed class EmulatorServerTests
    {
        [Fact]
        public async Task TheClientReadsASeededContactFromTheEmulatorOverLoopback()
        {
            await using var server = await EmulatorServer.StartAsync();
            var first = server.State.Spaces[EmulatorServer.Key].Contacts.Snapshot()[0].Id;
            var contact = await server.Client.GetContactAsync(first, CancellationToken.None);
            Assert.Equal(first, contact["id"]!.GetValue<long>());
            Assert.Equal("127.0.0.1", server.BaseUri.Host);
        }
    }
}
