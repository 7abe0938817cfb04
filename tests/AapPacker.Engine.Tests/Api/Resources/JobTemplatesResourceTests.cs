using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using static AapPacker.Engine.Tests.Api.Resources.ResourceTestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>Job templates and workflow job templates: typed lists, what the launch accepts, and the launch itself.</summary>
public sealed class JobTemplatesResourceTests(GatewaySimulatorFixture fixture) : SimulatorApiTest(fixture), IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_a_name_when_listing_job_templates_then_the_typed_template_says_what_it_prompts_for()
    {
        var found = new List<TemplateRecord>();
        await foreach (var template in Api.JobTemplates().ListAsync(new TemplateListQuery { Name = "Baseline" }, CancellationToken.None))
        {
            found.Add(template);
        }

        var baseline = Assert.Single(found);
        Assert.Equal("Baseline", baseline.Name);
        Assert.False(baseline.IsWorkflow);
        Assert.Equal(JobKind.Job, baseline.Launches);
        Assert.Contains("inventory", baseline.Prompts);
        Assert.Contains("credential", baseline.Prompts);
        Assert.NotNull(baseline.OrganizationId);
        Assert.Equal(baseline, await Api.JobTemplates().GetAsync(baseline.Id, CancellationToken.None), new SameTemplate());
    }

    [Fact]
    public async Task Given_a_workflow_job_template_when_listing_then_it_launches_workflow_jobs()
    {
        var id = await TemplateIdAsync(Api, true, "Image Pipeline");

        var template = await Api.WorkflowJobTemplates().GetAsync(id, CancellationToken.None);

        Assert.True(template.IsWorkflow);
        Assert.Equal(JobKind.WorkflowJob, template.Launches);
        Assert.Equal(["inventory", "variables"], template.Prompts.Order().ToArray());
    }

    [Fact]
    public async Task Given_a_template_with_a_required_survey_when_reading_its_launch_then_flags_survey_and_defaults_are_typed()
    {
        var id = await TemplateIdAsync(Api, false, "Survey Template");

        var launch = await Api.JobTemplates().GetLaunchInfoAsync(id, CancellationToken.None);
        var survey = await Api.JobTemplates().GetSurveyVariablesAsync(id, CancellationToken.None);

        Assert.Equal(id, launch.TemplateId);
        Assert.Equal("Survey Template", launch.Name);
        Assert.True(launch.AskFlags["ask_inventory_on_launch"]);
        Assert.True(launch.SurveyEnabled);
        Assert.Contains("target_os", launch.VariablesNeeded);
        Assert.DoesNotContain("image_owner", launch.VariablesNeeded);
        Assert.Equal(["image_owner", "target_os"], survey.Order().ToArray());
    }

    [Fact]
    public async Task Given_a_template_that_prompts_for_nothing_when_reading_its_launch_then_every_flag_is_false()
    {
        var id = await TemplateIdAsync(Api, false, "No Prompts");

        var launch = await Api.JobTemplates().GetLaunchInfoAsync(id, CancellationToken.None);

        Assert.NotEmpty(launch.AskFlags);
        Assert.All(launch.AskFlags, flag => Assert.False(flag.Value, flag.Key));
        Assert.Empty(launch.PasswordsNeeded);
    }

    [Fact]
    public async Task Given_a_job_template_when_launching_then_the_answer_is_a_typed_job_on_the_inventory()
    {
        var inventory = await InventoryWithHostAsync(Api);
        var id = await TemplateIdAsync(Api, false, "Baseline");

        var answer = Assert.IsType<LaunchAnswer>(await Api.JobTemplates().LaunchAsync(id, OnInventory(inventory), NothingLaunched, CancellationToken.None));

        Assert.False(answer.Reconciled);
        Assert.Empty(answer.IgnoredFields);
        Assert.Equal(JobKind.Job, answer.Job.Kind);
        var job = await Api.Jobs().GetAsync(JobKind.Job, answer.Job.Id, CancellationToken.None);
        Assert.Equal(inventory, job.InventoryId);
        Assert.Equal(id, job.TemplateId);
        Assert.Equal("Baseline", job.Name);
        Assert.EndsWith(JobsResource.Path(JobKind.Job, job.Id), job.ApiPath);
    }

    [Fact]
    public async Task Given_a_sliced_job_template_when_launching_then_the_answer_is_a_workflow_job()
    {
        var inventory = await InventoryWithHostAsync(Api);
        await Api.PostAsync("inventories/" + inventory + "/hosts/", new Dictionary<string, object?> { ["name"] = "10.0.0.6" }, CancellationToken.None);
        var id = await TemplateIdAsync(Api, false, "Sliced");

        var answer = Assert.IsType<LaunchAnswer>(await Api.JobTemplates().LaunchAsync(id, OnInventory(inventory), NothingLaunched, CancellationToken.None));

        Assert.Equal(JobKind.WorkflowJob, answer.Job.Kind);
        Assert.Equal(JobKind.WorkflowJob, (await Api.Jobs().GetAsync(JobKind.WorkflowJob, answer.Job.Id, CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task Given_fields_the_template_does_not_prompt_for_when_launching_then_they_are_listed_as_ignored()
    {
        var inventory = await InventoryWithHostAsync(Api);
        var id = await TemplateIdAsync(Api, false, "No Prompts");
        var payload = OnInventory(inventory);
        payload["limit"] = "web";

        var answer = Assert.IsType<LaunchAnswer>(await Api.JobTemplates().LaunchAsync(id, payload, NothingLaunched, CancellationToken.None));

        Assert.Equal(["inventory", "limit"], answer.IgnoredFields.Order().ToArray());
        await new Engine.Provisioning.JobCanceller(Api).CancelAsync(answer.Job.Kind, answer.Job.Id, TimeSpan.FromSeconds(20), CancellationToken.None);
    }

    [Fact]
    public async Task Given_a_lost_launch_answer_when_launching_then_the_job_found_on_the_inventory_is_adopted_and_no_second_job_is_made()
    {
        var inventory = await InventoryWithHostAsync(Api);
        var id = await TemplateIdAsync(Api, false, "Baseline");
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "launch/$", "lostResponse") { Count = 1 });
        var asked = 0;

        var answer = Assert.IsType<LaunchAnswer>(await Api.JobTemplates().LaunchAsync(id, OnInventory(inventory), async failure =>
        {
            asked++;
            Assert.True(failure.MayHaveBeenApplied);
            return await Api.Jobs().NewestOnInventoryAsync(JobKind.Job, false, id, inventory, CancellationToken.None);
        }, CancellationToken.None));

        Assert.True(answer.Reconciled);
        Assert.Equal(1, asked);
        Assert.Equal(inventory, answer.Job.InventoryId);
        Assert.Single(await LifecycleHarness.LaunchesAsync(Fixture));
    }

    [Fact]
    public async Task Given_a_503_before_aap_acted_when_launching_then_it_is_launched_again_once()
    {
        var inventory = await InventoryWithHostAsync(Api);
        var id = await TemplateIdAsync(Api, false, "Baseline");
        await Fixture.Control.AddFaultsAsync(new FaultSpec("POST", "launch/$", "status") { Status = 503, Count = 1 });

        var answer = Assert.IsType<LaunchAnswer>(await Api.JobTemplates().LaunchAsync(id, OnInventory(inventory), NothingLaunched, CancellationToken.None));

        Assert.False(answer.Reconciled);
        Assert.Single(await LifecycleHarness.LaunchesAsync(Fixture));
    }

    private sealed class SameTemplate : IEqualityComparer<TemplateRecord>
    {
        public bool Equals(TemplateRecord? x, TemplateRecord? y)
            => x != null && y != null && x.Id == y.Id && x.Name == y.Name && x.IsWorkflow == y.IsWorkflow && x.Prompts.SequenceEqual(y.Prompts);

        public int GetHashCode(TemplateRecord obj) => obj.Id;
    }
}
