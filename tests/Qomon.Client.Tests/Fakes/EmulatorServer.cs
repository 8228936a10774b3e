using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Qomon.Client.Connection;
using Qomon.Emulator.Hosting;
using Qomon.Emulator.Settings;

namespace Qomon.Client.Tests.Fakes
{
    /// <summary>
    /// The real emulator on a free loopback port and a QomonConnection to it over real HTTP, for the rules of the
    /// writer and the pager. Time: the emulator and the client share one FakeTimeProvider when <c>fakeTime</c> is
    /// true (drive it with Drive), or both run on the system clock for tests that only count requests.
    /// </summary>
    public sealed class EmulatorServer : IAsyncDisposable
    {
        public const string Key = "test-key";
        public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);

        private readonly WebApplication _app;

        private EmulatorServer(WebApplication app, TimeProvider time, QomonConnection connection)
        {
            _app = app;
            Time = time;
            Connection = connection;
        }

        public TimeProvider Time { get; }
        public FakeTimeProvider? FakeClock => Time as FakeTimeProvider;
        public QomonConnection Connection { get; }
        public QomonClient Client => Connection.Client;
        public EmulatorState State => EmulatorApp.State(_app);
        public Uri BaseUri => Connection.Settings.BaseUri;

        /// <summary>Test defaults: one key, 40 seeded contacts, the bucket off unless a test turns it on.</summary>
        public static EmulatorSettings Defaults => new()
        {
            Urls = "http://127.0.0.1:0",
            ApiKeys = [Key],
            Seed = 40,
            RandomSeed = 7,
            Rate = 0,
        };

        public static async Task<EmulatorServer> StartAsync(Func<EmulatorSettings, EmulatorSettings>? configure = null,
            Action<QomonConnectionSettings>? connection = null, bool fakeTime = false)
        {
            var settings = (configure ?? (s => s))(Defaults);
            TimeProvider time = fakeTime ? new FakeTimeProvider(Start) : TimeProvider.System;
            var app = EmulatorApp.Build(settings, time);
            await app.StartAsync();
            var connectionSettings = new QomonConnectionSettings
            {
                BaseUri = new Uri(EmulatorApp.BoundAddress(app)),
                TimeProvider = time,
                Random = () => 0.0,
            };
            connection?.Invoke(connectionSettings);
            var open = QomonConnection.Open(connectionSettings, Secure(Key));
            return new EmulatorServer(app, time, open);
        }

        public Task<T> Drive<T>(Task<T> task, TimeSpan? step = null) => FakeClock != null ? FakeClock.Drive(task, step) : task;
        public Task Drive(Task task, TimeSpan? step = null) => FakeClock != null ? FakeClock.Drive(task, step) : task;

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public async ValueTask DisposeAsync()
        {
            Connection.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
