using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

internal static class Jobs
{
    public static void Map(ApiRouter r)
    {
    }

    public static JsonObject ToJson(ApiRequest req, Job job, bool detail) => new() { ["id"] = job.Id };
}
