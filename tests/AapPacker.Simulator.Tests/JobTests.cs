using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class JobTests : SimTestBase
{
    private async Task<System.Text.Json.Nodes.JsonNode> JobAsync(int id) => (await S.GetAsync(S.Api($"jobs/{id}/"))).Json!;

    [Fact]
    public async Task Status_runs_pending_waiting_running_successful_on_the_simulated_clock()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        Assert.Equal("pending", (await JobAsync(job))["status"]!.GetValue<string>());
        await S.AdvanceAsync(1);
        Assert.Equal("waiting", (await JobAsync(job))["status"]!.GetValue<string>());
        await S.AdvanceAsync(1);
        var running = await JobAsync(job);
        Assert.Equal("running", running["status"]!.GetValue<string>());
        Assert.NotNull(running["started"]);
        Assert.Null(running["finished"]);
        await S.AdvanceAsync(10);
        var done = await JobAsync(job);
        Assert.Equal("successful", done["status"]!.GetValue<string>());
        Assert.False(done["failed"]!.GetValue<bool>());
        Assert.Equal(10.0, done["elapsed"]!.GetValue<double>(), 1);
    }

    [Fact]
    public async Task A_failing_template_ends_failed_with_failed_true()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Failing Playbook");
        await S.AdvanceAsync(30);
        var j = await JobAsync(job);
        Assert.Equal("failed", j["status"]!.GetValue<string>());
        Assert.True(j["failed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Event_processing_finishes_some_seconds_after_finished()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(12);
        var j = await JobAsync(job);
        Assert.NotNull(j["finished"]);
        Assert.False(j["event_processing_finished"]!.GetValue<bool>());
        await S.AdvanceAsync(5);
        Assert.True((await JobAsync(job))["event_processing_finished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_list_view_leaves_out_event_processing_finished()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        var list = await S.GetAsync(S.Api($"jobs/?id={job}"));
        Assert.False(list["results"][0]!.AsObject().ContainsKey("event_processing_finished"));
        Assert.False(list["results"][0]!.AsObject().ContainsKey("job_args"));
    }

    [Fact]
    public async Task Jobs_can_be_found_by_inventory_and_template_newest_first()
    {
        var (first, inventory) = await S.LaunchOnTempInventoryAsync();
        var second = (await S.LaunchAsync("Baseline", new { inventory }))["job"].GetValue<int>();
        var template = await S.TemplateIdAsync("Baseline");
        var r = await S.GetAsync(S.Api($"jobs/?inventory={inventory}&job_template={template}&order_by=-id"));
        Assert.Equal(new[] { second, first }, r["results"].AsArray().Select(j => j!["id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Cancel_get_tells_whether_the_job_can_be_cancelled()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        Assert.True((await S.GetAsync(S.Api($"jobs/{job}/cancel/")))["can_cancel"].GetValue<bool>());
        await S.AdvanceAsync(20);
        Assert.False((await S.GetAsync(S.Api($"jobs/{job}/cancel/")))["can_cancel"].GetValue<bool>());
    }

    [Fact]
    public async Task Cancelling_a_pending_job_is_202_empty_and_canceled_at_once()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        var r = await S.PostAsync(S.Api($"jobs/{job}/cancel/"), null);
        Assert.Equal(HttpStatusCode.Accepted, r.Status);
        Assert.Equal("", r.Text);
        var j = await JobAsync(job);
        Assert.Equal("canceled", j["status"]!.GetValue<string>());
        Assert.True(j["failed"]!.GetValue<bool>());
        Assert.NotNull(j["canceled_on"]);
    }

    [Fact]
    public async Task Cancelling_a_running_job_takes_a_couple_of_simulated_seconds()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Long Quiet");
        await S.AdvanceAsync(5);
        Assert.Equal(HttpStatusCode.Accepted, (await S.PostAsync(S.Api($"jobs/{job}/cancel/"), null)).Status);
        Assert.Equal("running", (await JobAsync(job))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, (await S.PostAsync(S.Api($"jobs/{job}/cancel/"), null)).Status);
        await S.AdvanceAsync(3);
        Assert.Equal("canceled", (await JobAsync(job))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_a_finished_job_is_405()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(20);
        var r = await S.PostAsync(S.Api($"jobs/{job}/cancel/"), null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.Status);
        Assert.Equal("Method \"POST\" not allowed.", r["detail"].GetValue<string>());
    }

    [Fact]
    public async Task Given_an_inventory_with_an_active_job_delete_answers_409_with_active_jobs()
    {
        var (job, inventory) = await S.LaunchOnTempInventoryAsync();
        var r = await S.DeleteAsync(S.Api($"inventories/{inventory}/"));
        Assert.Equal(HttpStatusCode.Conflict, r.Status);
        Assert.Equal("Resource is being used by running jobs.", r["error"].GetValue<string>());
        Assert.Equal(job, r["active_jobs"][0]!["id"]!.GetValue<int>());
        Assert.Equal("job", r["active_jobs"][0]!["type"]!.GetValue<string>());
        Assert.Null(r.Json!["detail"]);
    }

    [Fact]
    public async Task Given_an_active_job_deleting_any_host_of_its_inventory_is_409()
    {
        var (_, inventory) = await S.LaunchOnTempInventoryAsync();
        var host = (await S.GetAsync(S.Api($"inventories/{inventory}/hosts/")))["results"][0]!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.Conflict, (await S.DeleteAsync(S.Api($"hosts/{host}/"))).Status);
    }

    [Fact]
    public async Task After_the_job_ends_delete_is_403_while_events_are_processed_then_202()
    {
        var (job, inventory) = await S.LaunchOnTempInventoryAsync();
        await S.AdvanceAsync(12.5);
        var r = await S.DeleteAsync(S.Api($"inventories/{inventory}/"));
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        Assert.Equal($"Related job job {job} (successful) is still processing events.", r["detail"].GetValue<string>());
        await S.AdvanceAsync(5);
        Assert.Equal(HttpStatusCode.Accepted, (await S.DeleteAsync(S.Api($"inventories/{inventory}/"))).Status);
    }

    [Fact]
    public async Task Host_summaries_appear_when_the_recap_is_stored()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync("Baseline", hosts: 2);
        Assert.Equal(0, (await S.GetAsync(S.Api($"jobs/{job}/job_host_summaries/")))["count"].GetValue<int>());
        await S.AdvanceAsync(20);
        var r = await S.GetAsync(S.Api($"jobs/{job}/job_host_summaries/"));
        Assert.Equal(2, r["count"].GetValue<int>());
        var first = r["results"][0]!;
        Assert.Equal("10.0.0.1", first["host_name"]!.GetValue<string>());
        Assert.True(first["ok"]!.GetValue<int>() > 0);
        Assert.Equal(0, first["dark"]!.GetValue<int>());
    }

    [Fact]
    public async Task Artifacts_come_from_set_stats_once_the_job_has_run()
    {
        var (job, _) = await S.LaunchOnTempInventoryAsync();
        Assert.Empty((await JobAsync(job))["artifacts"]!.AsObject());
        await S.AdvanceAsync(20);
        Assert.True((await JobAsync(job))["artifacts"]!["image_hardened"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_job_names_its_credentials_and_extra_vars_is_a_json_string()
    {
        var credential = await S.CreateMachineCredentialAsync();
        var inventory = await S.CreateInventoryAsync();
        var r = await S.LaunchAsync("Baseline", new { inventory, credentials = new[] { credential }, extra_vars = "{\"a\": 1}" });
        var j = await JobAsync(r["job"].GetValue<int>());
        Assert.Equal(credential, j["summary_fields"]!["credentials"]![0]!["id"]!.GetValue<int>());
        Assert.Equal("ssh", j["summary_fields"]!["credentials"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("{\"image_role\": \"base\", \"a\": 1}", j["extra_vars"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_job_is_404_naming_the_model_and_so_are_its_sub_lists()
    {
        Assert.Equal("No Job matches the given query.", (await S.GetAsync(S.Api("jobs/31337/")))["detail"].GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api("jobs/31337/job_events/"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await S.GetAsync(S.Api("jobs/31337/stdout/?format=txt"))).Status);
    }

    [Fact]
    public async Task A_deleted_credential_disappears_from_the_job_credential_list()
    {
        var credential = await S.CreateMachineCredentialAsync();
        var inventory = await S.CreateInventoryAsync();
        var job = (await S.LaunchAsync("Baseline", new { inventory, credentials = new[] { credential } }))["job"].GetValue<int>();
        await S.DeleteAsync(S.Api($"credentials/{credential}/"));
        Assert.Empty((await JobAsync(job))["summary_fields"]!["credentials"]!.AsArray());
    }
}
