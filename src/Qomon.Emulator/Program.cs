var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/_emulator/stats", () => Results.Json(new { requests = 0 }));
app.Run();
