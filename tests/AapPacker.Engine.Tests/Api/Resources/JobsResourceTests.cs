using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;
using static AapPacker.Engine.Tests.Api.Resources.ResourceTestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>Jobs, workflow jobs, their nodes and their events, read as types over real HTTP.</summary>
public sealed class JobsResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    private async Task<(int Inventory, int TemplateId, LaunchAnswer Answer)> LaunchAsync(string template, bool workflow = false)
    {
        var inventory = await InventoryWithHostAsync(Api);
        var id = await TemplateIdAsync(Api, workflow, template);
        var answer = Assert.IsType<LaunchAnswer>(await Api.Templates(workflow).LaunchAsync(id, OnInventory(inventory), NothingLaunched, CancellationToken.None));
        return (inventory, id, answer);
    }

    [Fact]
    public async Task Given_a_finished_job_when_reading_it_then_status_times_recap_and_kind_are_typed()
    {
        var (inventory, templateId, answer) = await LaunchAsync("Baseline");

        var job = await FinishedAsync(Api, JobKind.Job, answer.Job.Id);
        var recap = await Api.Jobs().HostSummariesAsync(job.Id, CancellationToken.None);

        Assert.Equal((JobKind.Job, "successful", false), (job.Kind, job.Status, job.Failed));
        Assert.Equal((inventory, templateId), (job.InventoryId, job.TemplateId));
        Assert.NotNull(job.Started);
        Assert.NotNull(job.Finished);
        Assert.True(job.Elapsed > 0);
        var host = Assert.Single(recap);
        Assert.Equal("10.0.0.5", host.Host);
        Assert.True(host.Ok > 0);
        Assert.Equal(0, host.Failures);
    }

    [Theory]
    [InlineData("Baseline")]
    [InlineData("Failing Playbook")]
    public async Task Given_a_finished_job_when_reading_its_recap_event_then_its_counts_per_host_are_the_host_summaries(string template)
    {
        var (_, _, answer) = await LaunchAsync(template);
        await FinishedAsync(Api, JobKind.Job, answer.Job.Id);

        var page = await Api.JobEvents().PageAsync(answer.Job.Id, 0, 200, CancellationToken.None);
        var fromEvent = Assert.Single(page.Events, e => e.IsRecap).RecapHosts;
        var summaries = await Api.Jobs().HostSummariesAsync(answer.Job.Id, CancellationToken.None);

        Assert.NotNull(fromEvent);
        Assert.NotEmpty(summaries);
        Assert.Equal(summaries.Select(Counts).OrderBy(c => c), fromEvent!.Select(Counts).OrderBy(c => c));
        static string Counts(JobHostSummary h) => $"{h.Host} ok={h.Ok} changed={h.Changed} failed={h.Failures} unreachable={h.Unreachable} skipped={h.Skipped} rescued={h.Rescued} ignored={h.Ignored}";
    }

    [Fact]
    public void Given_an_AWX_recap_event_when_reading_its_counts_then_every_host_any_count_names_is_in_it_and_other_events_have_none()
    {
        using var recap = System.Text.Json.JsonDocument.Parse("""
            {"event": "playbook_on_stats", "event_data": {"playbook": "site.yml",
              "processed": {"web1": 1, "web2": 1, "db1": 1}, "ok": {"web1": 5, "db1": 2}, "changed": {"web1": 2},
              "failures": {"db1": 1}, "dark": {"web2": 1}, "skipped": {"web1": 1}, "rescued": {"db1": 1}, "ignored": {"web1": 3},
              "artifact_data": {}}}
            """);
        using var task = System.Text.Json.JsonDocument.Parse("""{"event": "runner_on_ok", "event_data": {"host": "web1"}}""");

        var hosts = JobEventsResource.RecapHosts(recap.RootElement)!.ToDictionary(h => h.Host);

        Assert.Equal(["web1", "web2", "db1"], hosts.Keys);
        Assert.Equal((5, 2, 0, 0, 1, 0, 3), (hosts["web1"].Ok, hosts["web1"].Changed, hosts["web1"].Failures, hosts["web1"].Unreachable, hosts["web1"].Skipped, hosts["web1"].Rescued, hosts["web1"].Ignored));
        Assert.Equal((0, 1), (hosts["web2"].Ok, hosts["web2"].Unreachable));
        Assert.Equal((2, 1, 1), (hosts["db1"].Ok, hosts["db1"].Failures, hosts["db1"].Rescued));
        Assert.Null(JobEventsResource.RecapHosts(task.RootElement));
    }

    [Fact]
    public async Task Given_a_job_id_when_reading_it_as_a_workflow_job_then_aap_answers_not_found()
    {
        var (_, _, answer) = await LaunchAsync("Baseline");

        var e = await Assert.ThrowsAsync<AapApiException>(() => Api.Jobs().GetAsync(JobKind.WorkflowJob, answer.Job.Id, CancellationToken.None));

        Assert.Equal(AapErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Given_a_launch_on_an_inventory_when_looking_for_it_then_the_newest_job_there_is_found_and_none_on_another()
    {
        var (inventory, templateId, answer) = await LaunchAsync("Baseline");
        var other = await InventoryWithHostAsync(Api);

        var found = await Api.Jobs().NewestOnInventoryAsync(JobKind.Job, false, templateId, inventory, CancellationToken.None);

        Assert.Equal(answer.Job.Id, found?.Id);
        Assert.Null(await Api.Jobs().NewestOnInventoryAsync(JobKind.Job, false, templateId, other, CancellationToken.None));
        Assert.Null(await Api.Jobs().NewestOnInventoryAsync(JobKind.WorkflowJob, false, templateId, inventory, CancellationToken.None));
    }

    [Fact]
    public async Task Given_jobs_of_two_templates_when_listing_by_template_then_only_that_templates_jobs_come_newest_first()
    {
        var (_, baseline, first) = await LaunchAsync("Baseline");
        var (_, _, _) = await LaunchAsync("No Prompts");
        var (_, _, second) = await LaunchAsync("Baseline");
        var query = new JobListQuery { TemplateId = baseline, PageSize = 10 };

        var jobs = new List<JobRecord>();
        await foreach (var job in Api.Jobs().ListAsync(JobKind.Job, query, CancellationToken.None))
        {
            jobs.Add(job);
        }

        Assert.Equal([second.Job.Id, first.Job.Id], jobs.Select(j => j.Id).ToArray());
        Assert.All(jobs, j => Assert.Equal(JobKind.Job, j.Kind));
    }

    [Fact]
    public async Task Given_a_running_job_when_canceling_it_then_it_ends_canceled_and_a_second_cancel_is_refused_with_405()
    {
        var (_, _, answer) = await LaunchAsync("Long Quiet");

        await Api.Jobs().CancelAsync(JobKind.Job, answer.Job.Id, CancellationToken.None);
        var job = await FinishedAsync(Api, JobKind.Job, answer.Job.Id);

        Assert.Equal("canceled", job.Status);
        var e = await Assert.ThrowsAsync<AapApiException>(() => Api.Jobs().CancelAsync(JobKind.Job, answer.Job.Id, CancellationToken.None));
        Assert.Equal(405, e.StatusCode);
    }

    [Fact]
    public async Task Given_a_workflow_job_when_reading_its_nodes_then_each_node_names_its_template_and_typed_job()
    {
        var (_, _, answer) = await LaunchAsync("Image Pipeline", workflow: true);
        Assert.Equal(JobKind.WorkflowJob, answer.Job.Kind);

        var workflow = await FinishedAsync(Api, JobKind.WorkflowJob, answer.Job.Id);
        var nodes = await Api.WorkflowJobs().NodesAsync(workflow.Id, CancellationToken.None);

        var node = Assert.Single(nodes);
        Assert.Equal("baseline", node.Identifier);
        Assert.Equal("Baseline", node.TemplateName);
        Assert.Equal(JobKind.Job, node.JobKind);
        Assert.True(node.RunsPlaybook);
        Assert.Equal("successful", node.JobStatus);
        Assert.NotNull(node.JobId);
        Assert.Equal(JobKind.Job, (await Api.Jobs().GetAsync(JobKind.Job, node.JobId!.Value, CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task Given_a_job_with_more_events_than_a_page_when_paging_its_events_then_pages_follow_next_in_line_order_up_to_the_recap()
    {
        var (_, _, answer) = await LaunchAsync("Chatty");
        await FinishedAsync(Api, JobKind.Job, answer.Job.Id);

        var events = new List<JobEvent>();
        var page = await Api.JobEvents().PageAsync(answer.Job.Id, 0, 200, CancellationToken.None);
        var pages = 1;
        events.AddRange(page.Events);
        while (page.Next != null)
        {
            page = await Api.JobEvents().NextPageAsync(page.Next, CancellationToken.None);
            events.AddRange(page.Events);
            pages++;
        }

        Assert.True(pages >= 2, "400 events should take more than one page of 200");
        Assert.Equal(events.OrderBy(e => e.StartLine).ThenBy(e => e.Counter).Select(e => e.Counter), events.Select(e => e.Counter));
        Assert.True(events[^1].IsRecap);
        Assert.Single(events, e => e.IsRecap);
        Assert.All(events, e => Assert.True(e.EndLine >= e.StartLine && e.StartLine >= 0));
    }

    [Fact]
    public async Task Given_a_start_line_when_paging_events_then_no_event_before_it_comes()
    {
        var (_, _, answer) = await LaunchAsync("Baseline");
        await FinishedAsync(Api, JobKind.Job, answer.Job.Id);

        var page = await Api.JobEvents().PageAsync(answer.Job.Id, 10, 200, CancellationToken.None);

        Assert.NotEmpty(page.Events);
        Assert.All(page.Events, e => Assert.True(e.StartLine >= 10));
        Assert.Null(page.Next);
    }

    [Fact]
    public void Given_a_model_job_when_asking_its_kind_then_aaps_type_names_map_both_ways()
    {
        Assert.Equal(JobKind.WorkflowJob, new AapJob { Type = JobKind.WorkflowJob.ApiName() }.KindOf());
        Assert.Equal(JobKind.Job, new AapJob { Type = JobKind.Job.ApiName() }.KindOf());
        Assert.Null(JobKinds.TryParse("project_update"));
        Assert.Equal("workflow job", JobKind.WorkflowJob.Noun());
    }
}
