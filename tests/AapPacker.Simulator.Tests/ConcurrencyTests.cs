using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class ConcurrencyTests : SimTestBase
{
    [Fact]
    public async Task Fifty_lifecycles_at_once_get_distinct_objects_and_jobs()
    {
        var lifecycles = Enumerable.Range(0, 50).Select(async i =>
        {
            var inventory = await S.CreateInventoryAsync($"parallel-{i}");
            await S.CreateHostAsync(inventory, $"10.9.0.{i}");
            var credential = await S.CreateMachineCredentialAsync($"parallel-ssh-{i}");
            var launch = await S.LaunchAsync("Baseline", new { inventory, credentials = new[] { credential } });
            Assert.Equal(HttpStatusCode.Created, launch.Status);
            return (Inventory: inventory, Job: launch["job"].GetValue<int>());
        });
        var results = await Task.WhenAll(lifecycles);
        Assert.Equal(50, results.Select(r => r.Inventory).Distinct().Count());
        Assert.Equal(50, results.Select(r => r.Job).Distinct().Count());
        var state = await S.StateAsync();
        Assert.Equal(150, state["userObjects"]!.GetValue<int>());
        Assert.Equal(50, state["launches"]!.AsArray().Count);
    }
}
