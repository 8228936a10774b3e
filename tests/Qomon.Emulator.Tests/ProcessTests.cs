using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Qomon.Emulator.Tests
{
    /// <summary>The emulator as the demo, the benchmark and Pester start it: a process that prints its URL.</summary>
    public class ProcessTests
    {
        private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Qomon.Emulator.dll");

        private static Process Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Dll);
            foreach (var arg in args) info.ArgumentList.Add(arg);
            return Process.Start(info)!;
        }

        [Fact]
        public async Task It_prints_the_bound_url_and_serves_it()
        {
            using var process = Start("--urls", "http://127.0.0.1:0", "--api-key", "KEY", "--seed", "5");
            try
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.Matches(@"^QOMON_EMULATOR_URL=http://127\.0\.0\.1:\d+$", line);
                var url = line!["QOMON_EMULATOR_URL=".Length..];
                Assert.DoesNotMatch(":0$", url);

                using var client = new HttpClient { BaseAddress = new Uri(url) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "KEY");
                for (var i = 0; i < 5; i++)
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contacts/83000000")).StatusCode);

                // Nothing more is written to stdout per request.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task Help_lists_the_settings_and_exits_0()
        {
            using var process = Start("--help");
            var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("--retry-after", output);
            Assert.Contains("--upsert-delay-ms", output);
        }

        [Fact]
        public async Task A_bad_argument_exits_2_with_the_reason_on_stderr()
        {
            using var process = Start("--burst", "lots");
            var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("--burst", error);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
        }
    }
}
