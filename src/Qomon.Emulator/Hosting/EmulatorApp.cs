using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Qomon.Emulator.Control;
using Qomon.Emulator.Endpoints;
using Qomon.Emulator.Settings;

namespace Qomon.Emulator.Hosting
{
    /// <summary>
    /// Builds the emulator as a WebApplication, so Program.cs and the tests start exactly the same app: tests pass
    /// a FakeTimeProvider and listen on http://127.0.0.1:0, then talk to it over real loopback HTTP.
    /// </summary>
    public static class EmulatorApp
    {
        public static WebApplication Build(EmulatorSettings settings, TimeProvider time)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.WebHost.UseUrls(settings.Urls);
            // No per-request logging and nothing on stdout: a parent that stops reading our stdout must never block us.
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole().AddFilter("Microsoft.AspNetCore", LogLevel.Error);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

            var state = new EmulatorState(settings, time);
            builder.Services.AddSingleton(state);

            var app = builder.Build();
            app.UseRouting();
            app.UseMiddleware<ApiGate>();
            ContactEndpoints.Map(app);
            UpsertEndpoint.Map(app);
            SearchEndpoints.Map(app);
            FormEndpoints.Map(app);
            ActionEndpoints.Map(app);
            ControlEndpoints.Map(app);
            return app;
        }

        /// <summary>The address Kestrel actually bound (port 0 resolved), known once the app has started.</summary>
        public static string BoundAddress(WebApplication app)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            return addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The server reports no address; has it started?");
        }

        public static EmulatorState State(WebApplication app) => app.Services.GetRequiredService<EmulatorState>();
    }
}
