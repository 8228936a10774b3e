using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Qomon.Desktop.Tests
{
    /// <summary>The emulator as a child process (dotnet Qomon.Emulator.dll) on a free loopback port, with its control routes.</summary>
    public sealed class EmulatorProcess : IDisposable
    {
        public const string ApiKey = "desktop-test-key";

        private readonly Process _process;
        private readonly HttpClient _control = new HttpClient();

        private EmulatorProcess(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static EmulatorProcess Start(string emulatorDll)
        {
            // The bucket is off (rate 0): faults are switched on per scenario with Configure.
            var start = new ProcessStartInfo("dotnet", "\"" + emulatorDll + "\" --urls http://127.0.0.1:0 --api-key " + ApiKey + " --seed 40 --rate 0")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the emulator");
            process.ErrorDataReceived += (sender, e) => { if (e.Data != null) Console.Error.WriteLine("emulator: " + e.Data); };
            process.BeginErrorReadLine();
            const string prefix = "QOMON_EMULATOR_URL=";
            var line = process.StandardOutput.ReadLine();
            if (line == null || !line.StartsWith(prefix, StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException("The emulator did not print its URL: " + line);
            }
            return new EmulatorProcess(process, new Uri(line.Substring(prefix.Length)));
        }

        /// <summary>POST /_emulator/config with camelCase settings, e.g. ("throttleRate", "0.5").</summary>
        public async Task ConfigureAsync(params (string Name, string Json)[] settings)
        {
            var body = new StringBuilder("{");
            for (var i = 0; i < settings.Length; i++)
                body.Append(i == 0 ? "" : ",").Append('"').Append(settings[i].Name).Append("\":").Append(settings[i].Json);
            body.Append('}');
            using (var response = await _control.PostAsync(new Uri(Url, "/_emulator/config"), new StringContent(body.ToString(), Encoding.UTF8, "application/json")).ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException("emulator config " + body + ": " + (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }
        }

        /// <summary>GET /_emulator/stats, as text (the host reads single counters from it).</summary>
        public Task<string> StatsAsync() => _control.GetStringAsync(new Uri(Url, "/_emulator/stats"));

        public void Dispose()
        {
            _control.Dispose();
            try
            {
                if (!_process.HasExited) _process.Kill();
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            _process.Dispose();
        }
    }
}
