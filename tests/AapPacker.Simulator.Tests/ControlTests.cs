using System.Net;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class ControlTests : SimTestBase
{
    [Fact]
    public async Task State_counts_only_objects_created_through_the_api()
    {
        Assert.Equal(0, (await S.StateAsync())["userObjects"]!.GetValue<int>());
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        await S.CreateMachineCredentialAsync();
        var state = await S.StateAsync();
        Assert.Equal(3, state["userObjects"]!.GetValue<int>());
        Assert.Contains(state["inventories"]!.AsArray(), i => i!["id"]!.GetValue<int>() == inventory);
    }

    [Fact]
    public async Task State_records_launch_payloads_with_the_job_id()
    {
        var (job, inventory) = await S.LaunchOnTempInventoryAsync();
        var launch = (await S.StateAsync())["launches"]![0]!;
        Assert.Equal("job", launch["kind"]!.GetValue<string>());
        Assert.Equal(job, launch["jobId"]!.GetValue<int>());
        Assert.Equal(inventory, launch["payload"]!["inventory"]!.GetValue<int>());
        Assert.Equal(await S.TemplateIdAsync("Baseline"), launch["templateId"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reset_returns_to_the_seed_and_clears_faults_and_requests()
    {
        await S.CreateInventoryAsync();
        await S.Control.AddFaultsAsync("""{"method":"GET","path":"nothing-matches-this","kind":"status","status":503}""");
        using var reset = await S.Http.PostAsync("/_sim/reset", null);
        Assert.True(reset.IsSuccessStatusCode);
        Assert.Equal(0, (await S.StateAsync())["userObjects"]!.GetValue<int>());
        Assert.Equal("[]", await S.Http.GetStringAsync("/_sim/faults"));
        Assert.Equal("[]", await S.Http.GetStringAsync("/_sim/requests"));
    }

    [Fact]
    public async Task The_request_log_names_the_auth_scheme_but_never_the_secret()
    {
        await S.GetAsync(S.Api("me/"), "basic:admin:password");
        await S.GetAsync(S.Api("me/?x=1"));
        var text = await S.Http.GetStringAsync("/_sim/requests");
        var log = JsonNode.Parse(text)!.AsArray();
        Assert.Equal("Basic", log[0]!["auth"]!.GetValue<string>());
        Assert.Equal("Bearer", log[1]!["auth"]!.GetValue<string>());
        Assert.Equal("/api/v2/me/", log[1]!["path"]!.GetValue<string>());
        Assert.Equal("x=1", log[1]!["query"]!.GetValue<string>());
        Assert.Equal(200, log[1]!["status"]!.GetValue<int>());
        Assert.DoesNotContain("sim-admin-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_request_log_empties_it()
    {
        await S.GetAsync(S.Api("me/"));
        await S.Http.DeleteAsync("/_sim/requests");
        Assert.Equal("[]", await S.Http.GetStringAsync("/_sim/requests"));
    }

    [Fact]
    public async Task The_manual_clock_only_moves_when_advanced()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        Assert.Equal("pending", (await S.GetAsync(S.Api($"jobs/{job}/")))["status"].GetValue<string>());
        await S.AdvanceAsync(1.5);
        Assert.Equal("waiting", (await S.GetAsync(S.Api($"jobs/{job}/")))["status"].GetValue<string>());
    }

    [Fact]
    public async Task A_scaled_clock_moves_jobs_without_advancing()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "awx", TimeScale = 1000 });
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sim-admin-token");
        var before = JsonNode.Parse(await http.GetStringAsync("/_sim/clock"))!["now"]!.GetValue<DateTimeOffset>();
        using var pause = await http.GetAsync("/api/v2/ping/");
        var after = JsonNode.Parse(await http.GetStringAsync("/_sim/clock"))!["now"]!.GetValue<DateTimeOffset>();
        Assert.True(after > before);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
    }
}
