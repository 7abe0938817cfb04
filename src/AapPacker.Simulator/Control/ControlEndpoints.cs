using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AapPacker.Simulator.Control;

/// <summary>The test-control API under <c>/_sim/</c> (no authentication): state, reset, faults, request log, clock.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimulatorContext sim)
    {
        app.MapGet("/_sim/state", () => Results.Text(StateSnapshot.Build(sim).ToJsonString(), "application/json"));
        app.MapPost("/_sim/reset", () =>
        {
            sim.Reset();
            return Results.NoContent();
        });
        app.MapGet("/_sim/faults", () => Results.Json(sim.Faults.Snapshot()));
        app.MapPost("/_sim/faults", async (HttpRequest request) =>
        {
            FaultRuleSet? set;
            try
            {
                set = await JsonSerializer.DeserializeAsync<FaultRuleSet>(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
            var rules = set?.Rules ?? [];
            var bad = rules.FirstOrDefault(r => !FaultRule.Kinds.Contains(r.Kind));
            if (bad is not null)
            {
                return Results.BadRequest(new { error = $"Unknown fault kind '{bad.Kind}'. Use one of: {string.Join(", ", FaultRule.Kinds)}." });
            }
            sim.Faults.Add(rules);
            return Results.Json(sim.Faults.Snapshot());
        });
        app.MapDelete("/_sim/faults", () =>
        {
            sim.Faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_sim/requests", () => Results.Json(sim.Requests.Snapshot()));
        app.MapDelete("/_sim/requests", () =>
        {
            sim.Requests.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_sim/clock", () => Results.Json(new { now = sim.Time.GetUtcNow(), manual = sim.Options.ManualClock, timeScale = sim.Options.TimeScale }));
        app.MapPost("/_sim/clock/advance", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            var seconds = body?["seconds"]?.GetValue<double>() ?? 0;
            if (seconds < 0)
            {
                return Results.BadRequest(new { error = "seconds must not be negative" });
            }
            sim.Clock.Advance(TimeSpan.FromSeconds(seconds));
            return Results.Json(new { now = sim.Time.GetUtcNow() });
        });
    }
}
