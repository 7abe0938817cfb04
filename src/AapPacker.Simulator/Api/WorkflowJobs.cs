using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

internal static class WorkflowJobs
{
    public static void Map(ApiRouter r)
    {
    }

    public static JsonObject ToJson(ApiRequest req, WorkflowJob job) => new() { ["id"] = job.Id };
}
