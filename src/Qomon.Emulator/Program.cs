using Qomon.Emulator.Hosting;
using Qomon.Emulator.Settings;

// Parse, build, start, announce the real address on one stdout line, then serve until stopped.
var parsed = CommandLine.Parse(args);
if (parsed.ShowHelp)
{
    Console.Out.Write(CommandLine.HelpText());
    return 0;
}
if (parsed.Settings is null)
{
    Console.Error.WriteLine(parsed.Error);
    return 2;
}

var app = EmulatorApp.Build(parsed.Settings, TimeProvider.System);
await app.StartAsync();
Console.Out.WriteLine($"QOMON_EMULATOR_URL={EmulatorApp.BoundAddress(app)}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
return 0;
