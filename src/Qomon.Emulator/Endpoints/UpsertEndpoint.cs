namespace Qomon.Emulator.Endpoints;

/// <summary>POST /contacts/upsert: accepted at once (202, empty body), applied later by the UpsertScheduler.</summary>
public static class UpsertEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/contacts/upsert", () => Results.StatusCode(StatusCodes.Status202Accepted));
    }
}
