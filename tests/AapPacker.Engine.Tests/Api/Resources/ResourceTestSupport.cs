using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>Arranges what the resource tests launch on: an inventory with one host, made with plain POSTs.</summary>
internal static class ResourceTestSupport
{
    public static async Task<int> InventoryWithHostAsync(IAapApi api)
    {
        var inventory = await api.PostAsync("inventories/", new Dictionary<string, object?>
        {
            ["name"] = "resource-test-" + Guid.NewGuid().ToString("N")[..8],
            ["organization"] = await DefaultOrganizationAsync(api),
        }, CancellationToken.None);
        var inventoryId = inventory.GetProperty("id").GetInt32();
        await api.PostAsync("inventories/" + inventoryId + "/hosts/", new Dictionary<string, object?> { ["name"] = "10.0.0.5" }, CancellationToken.None);
        return inventoryId;
    }

    public static async Task<int> TemplateIdAsync(IAapApi api, bool workflow, string name)
    {
        await foreach (var template in api.Templates(workflow).ListAsync(new TemplateListQuery { Name = name }, CancellationToken.None))
        {
            return template.Id;
        }

        throw new InvalidOperationException("The simulator has no template named " + name);
    }

    /// <summary>Re-reads the job until it is terminal (the simulator runs 50 simulated seconds a second).</summary>
    public static async Task<JobRecord> FinishedAsync(IAapApi api, JobKind kind, int id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var job = await api.Jobs().GetAsync(kind, id, CancellationToken.None);
            if (JobStatus.IsTerminal(job.Status) && (kind == JobKind.WorkflowJob || job.EventProcessingFinished))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{job} did not finish in time");
            await Task.Delay(50);
        }
    }

    private static async Task<int> DefaultOrganizationAsync(IAapApi api)
    {
        var page = await api.GetAsync("organizations/?name=Default", CancellationToken.None);
        return page.GetProperty("results")[0].GetProperty("id").GetInt32();
    }

    public static Dictionary<string, object?> OnInventory(int inventoryId) => new() { ["inventory"] = inventoryId };

    public static Task<JobRecord?> NothingLaunched(Engine.Api.AapApiException _) => Task.FromResult<JobRecord?>(null);

    public static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
