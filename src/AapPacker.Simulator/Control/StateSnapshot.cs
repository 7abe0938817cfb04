using System.Text.Json.Nodes;
using AapPacker.Simulator.Api;
using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;
using Microsoft.AspNetCore.Http;

namespace AapPacker.Simulator.Control;

/// <summary><c>GET /_sim/state</c>: every object, job and launch, as the API would show them (secrets stay hidden).</summary>
internal static class StateSnapshot
{
    public static JsonObject Build(SimulatorContext sim)
    {
        lock (sim.Store.Sync)
        {
            var now = sim.Time.GetUtcNow();
            WorkflowEngine.Advance(sim.Store, now);
            var admin = sim.Store.Users.FirstOrDefault(u => u.IsSuperuser) ?? new SimUser { Username = "admin", Password = "" };
            var req = new ApiRequest
            {
                Method = "GET",
                Prefix = sim.Layout.ControllerPrefix,
                Path = sim.Layout.ControllerPrefix,
                Query = QueryCollection.Empty,
                Body = [],
                Auth = new Authentication(AuthKind.None, admin, false, false),
                Now = now,
                Store = sim.Store,
            };
            var s = sim.Store;
            return new JsonObject
            {
                ["now"] = Wire.Time(now),
                ["organizations"] = Wire.Array(s.Organizations.Values.Select(o => (JsonNode?)Organizations.ToJson(req, o))),
                ["inventories"] = Wire.Array(s.Inventories.Values.Select(i => (JsonNode?)Inventories.ToJson(req, i))),
                ["hosts"] = Wire.Array(s.Hosts.Values.Select(h => (JsonNode?)Hosts.ToJson(req, h))),
                ["groups"] = Wire.Array(s.Groups.Values.Select(g => (JsonNode?)Groups.ToJson(req, g))),
                ["credentials"] = Wire.Array(s.Credentials.Values.Select(c => (JsonNode?)Credentials.ToJson(req, c))),
                ["jobs"] = Wire.Array(s.Jobs.Values.Select(j => (JsonNode?)Api.Jobs.ToJson(req, j, detail: true))),
                ["workflowJobs"] = Wire.Array(s.WorkflowJobs.Values.Select(w => (JsonNode?)WorkflowJobs.ToJson(req, w))),
                ["launches"] = Wire.Array(s.Launches.Select(l => (JsonNode?)new JsonObject
                {
                    ["templateId"] = l.TemplateId,
                    ["kind"] = l.Kind,
                    ["payload"] = l.Payload.DeepClone(),
                    ["jobId"] = l.JobId,
                })),
                ["userObjects"] = s.UserObjectCount,
            };
        }
    }
}
