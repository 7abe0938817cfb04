using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;

namespace AapPacker.Simulator.Api;

/// <summary>
/// AWX's RelatedJobsPreventDeleteMixin for an inventory (and its hosts): 409 while a job on the inventory is
/// active; 403 while a job that finished under a minute ago has not had all its events saved.
/// </summary>
internal static class DeleteGuards
{
    public static void CheckInventory(ApiRequest req, int inventoryId)
    {
        var jobs = req.Store.Jobs.Values.Where(j => j.InventoryId == inventoryId).ToList();
        var active = jobs.Where(j => JobTimeline.IsActive(new JobTimeline(j).Status(req.Now))).ToList();
        if (active.Count > 0)
        {
            throw new ApiException(new ApiResult
            {
                Status = 409,
                Json = new JsonObject
                {
                    ["error"] = "Resource is being used by running jobs.",
                    ["active_jobs"] = Wire.Array(active.Select(j => (JsonNode?)new JsonObject { ["type"] = "job", ["id"] = j.Id })),
                },
            });
        }
        foreach (var job in jobs)
        {
            var timeline = new JobTimeline(job);
            if (timeline.Finished(req.Now) is { } finished && req.Now - finished < TimeSpan.FromMinutes(1)
                && !timeline.EventProcessingFinished(req.Now))
            {
                throw new ApiException(ApiResult.Detail(403,
                    $"Related job job {job.Id} ({timeline.Status(req.Now)}) is still processing events."));
            }
        }
    }
}
