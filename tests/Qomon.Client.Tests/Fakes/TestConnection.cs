using System.Security;
using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Connection;
using Qomon.Client.Diagnostics;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>A connection wired to a fake clock and a fake network.</summary>
    public sealed class TestConnection : IDisposable
    {
        public const string Key = "qk_live_S3cr3t-API-key-0123456789";
        public static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        public TestConnection(Action<QomonConnectionSettings>? configure = null, string key = Key)
        {
            Clock = new FakeTimeProvider(Start);
            Transport = new FakeTransport(Clock);
            var settings = new QomonConnectionSettings
            {
                BaseUri = new Uri("https://qomon.test"),
                TimeProvider = Clock,
                TransportHandler = Transport,
                Random = () => 0.0,
            };
            configure?.Invoke(settings);
            Connection = QomonConnection.Open(settings, Secure(key));
            LogScope = QomonLog.Use(Log);
        }

        public FakeTimeProvider Clock { get; }
        public FakeTransport Transport { get; }
        public QomonConnection Connection { get; }
        public QomonClient Client => Connection.Client;
        public RecordingLog Log { get; } = new();
        private IDisposable LogScope { get; }

        public List<SentRequest> Sent => Transport.Sent.ToList();

        public Task<T> Drive<T>(Task<T> task, TimeSpan? step = null) => Clock.Drive(task, step);
        public Task Drive(Task task, TimeSpan? step = null) => Clock.Drive(task, step);

        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public void Dispose()
        {
            LogScope.Dispose();
            Connection.Dispose();
            Transport.Dispose();
        }
    }
}
