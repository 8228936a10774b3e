using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Qomon.Client.Tests.Merge.Fixtures;

namespace Qomon.Benchmarks
{
    /// <summary>
    /// Runs MergeBenchmark and writes a small JSON summary the bench script reads:
    ///   Qomon.Benchmarks --summary path.json [--artifacts dir]
    /// or writes the fixture contact as GET returns it, for the baseline's PowerShell cost:
    ///   Qomon.Benchmarks --fixture path.json
    /// or times each step of a merge by wall clock and CPU time (MergeBreakdown):
    ///   Qomon.Benchmarks --breakdown path.json
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var fixture = Option(args, "--fixture");
            if (fixture != null)
            {
                // As GET /contacts/{id} answers it, envelope included.
                var answer = new System.Text.Json.Nodes.JsonObject { ["status"] = "success", ["data"] = new System.Text.Json.Nodes.JsonObject { ["contact"] = ContactFixtureGenerator.Contact(1) } };
                File.WriteAllText(fixture, answer.ToJsonString());
                return 0;
            }
            var breakdown = Option(args, "--breakdown");
            if (breakdown != null)
            {
                File.WriteAllText(breakdown, JsonSerializer.Serialize(MergeBreakdown.Run(5000), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var summaryPath = Option(args, "--summary") ?? "merge-benchmark.json";
            var artifacts = Option(args, "--artifacts") ?? Path.Combine(Path.GetTempPath(), "qomon-bdn");

            // ShortRun (1 launch, 3 warm-ups, 3 iterations) in process: enough for a figure against a 50 µs goal,
            // and no second project to generate and build, which keeps the whole Bench task short.
            var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess");
            var config = DefaultConfig.Instance.AddJob(job).WithArtifactsPath(artifacts).WithOptions(ConfigOptions.DisableOptimizationsValidator);
            var summary = BenchmarkRunner.Run<MergeBenchmark>(config);

            var rows = summary.Reports.Select(report => new
            {
                Benchmark = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,
                MeanNs = report.ResultStatistics?.Mean,
                StdDevNs = report.ResultStatistics?.StandardDeviation,
                AllocatedBytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
            }).ToList();
            File.WriteAllText(summaryPath, JsonSerializer.Serialize(new
            {
                Job = job.Id,
                Runtime = Environment.Version.ToString(),
                Benchmarks = rows,
            }, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine(string.Join(Environment.NewLine, rows.Select(r => string.Format(CultureInfo.InvariantCulture,
                "{0}: {1:0.0} µs, {2} B allocated", r.Benchmark, r.MeanNs / 1000, r.AllocatedBytes))));
            return rows.All(r => r.MeanNs.HasValue) ? 0 : 1;
        }

        private static string? Option(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
    }
}
