using System.Net;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

public sealed class WorkflowTests : SimTestBase
{
    private async Task<string> LaunchPathAsync(string name) => S.Api($"workflow_job_templates/{await S.TemplateIdAsync(name, "workflow_job_templates")}/launch/");

    [Fact]
    public async Task Get_launch_shows_the_workflow_prompts()
    {
        var r = await S.GetAsync(await LaunchPathAsync("Image Pipeline"));
        Assert.True(r["ask_inventory_on_launch"].GetValue<bool>());
        Assert.True(r["ask_variables_on_launch"].GetValue<bool>());
        Assert.False(r["ask_limit_on_launch"].GetValue<bool>());
        Assert.True(r["can_start_without_user_input"].GetValue<bool>());
        Assert.Empty(r["node_templates_missing"].AsArray());
        Assert.Equal("Image Pipeline", r["workflow_job_template_data"]["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unprompted_field_is_a_400_not_ignored()
    {
        var inventory = await S.CreateInventoryAsync();
        var r = await S.PostAsync(await LaunchPathAsync("Strict Workflow"), new { inventory });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("Field is not configured to prompt on launch.", r["inventory"][0]!.GetValue<string>());
        Assert.Empty((await S.StateAsync())["workflowJobs"]!.AsArray());
    }

    [Fact]
    public async Task Unprompted_extra_vars_are_refused_naming_the_variables()
    {
        var r = await S.PostAsync(await LaunchPathAsync("Strict Workflow"), new { extra_vars = new { foo = 1 } });
        Assert.Equal("Variables foo are not allowed on launch. Check the Prompt on Launch setting on the Workflow Job Template to include Extra Variables.",
            r["extra_vars"][0]!.GetValue<string>());
    }

    [Fact]
    public async Task Credentials_are_silently_dropped_not_even_in_ignored_fields()
    {
        var credential = await S.CreateMachineCredentialAsync();
        var r = await S.PostAsync(await LaunchPathAsync("Strict Workflow"), new { credentials = new[] { credential } });
        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.Empty(r["ignored_fields"].AsObject());
        Assert.Equal(r["workflow_job"].GetValue<int>(), r["id"].GetValue<int>());
        Assert.Equal($"/api/v2/workflow_jobs/{r["id"]}/", r.Header("Location"));
    }

    [Fact]
    public async Task Nodes_have_no_job_until_spawned_then_run_on_the_prompted_inventory()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory);
        var wf = (await S.PostAsync(await LaunchPathAsync("Image Pipeline"), new { inventory, extra_vars = new { build = "42" } }))["workflow_job"].GetValue<int>();
        var nodes = await S.GetAsync(S.Api($"workflow_jobs/{wf}/workflow_nodes/"));
        Assert.Null(nodes["results"][0]!["job"]);
        await S.AdvanceAsync(1.5);
        var spawned = (await S.GetAsync(S.Api($"workflow_jobs/{wf}/workflow_nodes/")))["results"][0]!;
        var job = spawned["job"]!.GetValue<int>();
        Assert.Equal(job, spawned["summary_fields"]!["job"]!["id"]!.GetValue<int>());
        var j = await S.GetAsync(S.Api($"jobs/{job}/"));
        Assert.Equal(inventory, j["inventory"].GetValue<int>());
        Assert.Contains("\"build\": \"42\"", j["extra_vars"].GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("workflow", j["launch_type"].GetValue<string>());
    }

    [Fact]
    public async Task The_workflow_succeeds_when_its_nodes_succeed()
    {
        var wf = (await S.PostAsync(await LaunchPathAsync("Strict Workflow"), new { }))["workflow_job"].GetValue<int>();
        Assert.Equal("pending", (await S.GetAsync(S.Api($"workflow_jobs/{wf}/")))["status"].GetValue<string>());
        await S.AdvanceAsync(2);
        Assert.Equal("running", (await S.GetAsync(S.Api($"workflow_jobs/{wf}/")))["status"].GetValue<string>());
        await S.AdvanceAsync(30);
        var done = await S.GetAsync(S.Api($"workflow_jobs/{wf}/"));
        Assert.Equal("successful", done["status"].GetValue<string>());
        Assert.NotNull(done.Json!["finished"]);
        Assert.False(done.Json!.AsObject().ContainsKey("event_processing_finished"));
    }

    [Fact]
    public async Task Cancelling_a_workflow_cascades_to_its_spawned_jobs()
    {
        var wf = (await S.PostAsync(await LaunchPathAsync("Strict Workflow"), new { }))["workflow_job"].GetValue<int>();
        await S.AdvanceAsync(4);
        var job = (await S.GetAsync(S.Api($"workflow_jobs/{wf}/workflow_nodes/")))["results"][0]!["job"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.Accepted, (await S.PostAsync(S.Api($"workflow_jobs/{wf}/cancel/"), null)).Status);
        await S.AdvanceAsync(5);
        Assert.Equal("canceled", (await S.GetAsync(S.Api($"jobs/{job}/")))["status"].GetValue<string>());
        Assert.Equal("canceled", (await S.GetAsync(S.Api($"workflow_jobs/{wf}/")))["status"].GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await S.PostAsync(S.Api($"workflow_jobs/{wf}/cancel/"), null)).Status);
    }

    [Fact]
    public async Task A_sliced_job_spawns_one_job_per_slice_with_its_share_of_hosts()
    {
        var inventory = await S.CreateInventoryAsync();
        await S.CreateHostAsync(inventory, "h1");
        await S.CreateHostAsync(inventory, "h2");
        await S.CreateHostAsync(inventory, "h3");
        var wf = (await S.LaunchAsync("Sliced", new { inventory }))["workflow_job"].GetValue<int>();
        await S.AdvanceAsync(2);
        var nodes = (await S.GetAsync(S.Api($"workflow_jobs/{wf}/workflow_nodes/")))["results"].AsArray();
        Assert.Equal(2, nodes.Count);
        var first = await S.GetAsync(S.Api($"jobs/{nodes[0]!["job"]}/"));
        Assert.Equal(1, first["job_slice_number"].GetValue<int>());
        Assert.Equal(2, first["job_slice_count"].GetValue<int>());
        await S.AdvanceAsync(30);
        var summaries = await S.GetAsync(S.Api($"jobs/{nodes[0]!["job"]}/job_host_summaries/"));
        Assert.Equal(new[] { "h1", "h3" }, summaries["results"].AsArray().Select(s => s!["host_name"]!.GetValue<string>()));
        Assert.Equal("successful", (await S.GetAsync(S.Api($"workflow_jobs/{wf}/")))["status"].GetValue<string>());
    }
}
