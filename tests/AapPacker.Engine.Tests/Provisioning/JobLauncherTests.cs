using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>Launch, ignored fields and cleanup edge cases against the simulator (AWX layout).</summary>
public sealed class JobLauncherTests(AwxSimulatorFixture fixture) : IClassFixture<AwxSimulatorFixture>, IAsyncLifetime
{
    private AapClient? _client;
    private IAapApi _api = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        (_client, _api) = await LifecycleHarness.ConnectAsync(fixture);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(AapBuildResources Resources, int TemplateId)> PrepareAsync(string template)
    {
        var build = BuildIdentity.Create(null, null, null);
        var resources = new TemporaryResources(_api);
        var inventory = await resources.CreateInventoryAsync(build, 1, null, null, CancellationToken.None);
        var host = await resources.AddHostAsync(inventory.Id, HostVariablesBuilder.Build(new HostTarget { Address = "10.0.0.5" }), null, build.BuildId, null, CancellationToken.None);
        var templateId = (await new NamedObjectResolver(_api).JobTemplateAsync(template, null, CancellationToken.None)).Id;
        return (new AapBuildResources { BuildId = build.BuildId, Inventory = inventory, Hosts = [host] }, templateId);
    }

    [Fact]
    public async Task Given_fields_the_template_ignores_when_launching_then_the_job_is_canceled_and_the_error_names_them()
    {
        var (resources, templateId) = await PrepareAsync("No Prompts");
        var payload = new Dictionary<string, object?> { ["inventory"] = resources.Inventory!.Id, ["limit"] = "web" };

        var e = await Assert.ThrowsAsync<AapProvisioningException>(() =>
            new JobLauncher(_api).LaunchAsync(false, templateId, payload, resources.Inventory.Id, null, resources.Inventory.Id, resources.BuildId, CancellationToken.None));

        Assert.Equal("LaunchFieldsIgnored", e.ErrorId);
        Assert.Contains("inventory", e.Message);
        Assert.Contains("ask_inventory_on_launch", e.RecommendedAction);
        Assert.Equal("canceled", await LifecycleHarness.JobStatusAsync(fixture, e.Job!.Id));

        resources.Job = e.Job;
        var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);
        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_job_still_running_on_the_inventory_when_cleaning_up_without_waiting_then_409_403_and_202_are_waited_out()
    {
        // Long Quiet runs 300 simulated seconds (6 s at TimeScale 50): it is surely active when cleanup first deletes.
        var (resources, templateId) = await PrepareAsync("Long Quiet");
        var job = await new JobLauncher(_api).LaunchAsync(false, templateId, new Dictionary<string, object?> { ["inventory"] = resources.Inventory!.Id },
            resources.Inventory.Id, null, resources.Inventory.Id, resources.BuildId, CancellationToken.None);
        Assert.Contains("/#/jobs/playbook/", job.Url);
        await fixture.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = 403, Count = 1 });
        await fixture.Control.ClearRequestsAsync();

        // No Job given: cleanup cannot wait for it and meets AAP's guards instead. The first 409 it reports ends the
        // job (as an operator would), so the guard lifts.
        Task<string>? cancel = null;
        var cleanupRun = new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup)
        {
            OnItem = (_, what) =>
            {
                if (what.Contains("409", StringComparison.Ordinal))
                {
                    cancel ??= new JobCanceller(_api).CancelAsync(JobKind.Job, job.Id, TimeSpan.FromSeconds(20), CancellationToken.None);
                }
            },
        };
        var cleanup = await cleanupRun.RunAsync(resources, null);

        Assert.NotNull(cancel);
        Assert.Equal("canceled", await cancel!);
        Assert.True(cleanup.Complete, cleanup.ToString());
        var deletes = (await fixture.Control.GetRequestsAsync()).Where(r => r.Method == "DELETE" && r.Path.Contains("/inventories/", StringComparison.Ordinal)).Select(r => r.Status).ToList();
        Assert.Equal(403, deletes[0]);
        Assert.Contains(409, deletes);
        Assert.Equal(202, deletes[^1]);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_objects_already_gone_when_cleaning_up_then_404_counts_as_gone()
    {
        var (resources, _) = await PrepareAsync("Baseline");
        Assert.Equal(202, await _api.DeleteAsync("inventories/" + resources.Inventory!.Id + "/", CancellationToken.None));

        var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);

        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_lost_launch_answer_and_no_unique_inventory_when_launching_then_it_fails_with_exit_code_5_without_posting_again()
    {
        var (resources, templateId) = await PrepareAsync("Baseline");
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "launch/$", "lostResponse") { Count = 1 });

        var e = await Assert.ThrowsAsync<AapProvisioningException>(() => new JobLauncher(_api).LaunchAsync(false, templateId,
            new Dictionary<string, object?> { ["inventory"] = resources.Inventory!.Id }, resources.Inventory.Id, null, null, null, CancellationToken.None));

        Assert.Equal(AapProvisionExitCode.ApiError, e.ExitCode);
        Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        var job = await new JobLauncher(_api).FindLaunchedAsync(false, templateId, resources.Inventory!.Id, CancellationToken.None);
        resources.Job = new JobLauncher(_api).ToJob(job!, templateId, null);
        await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_sliced_template_answering_a_workflow_job_when_following_then_each_slice_is_followed_as_a_node()
    {
        var (resources, templateId) = await PrepareAsync("Sliced");
        var second = await new TemporaryResources(_api).AddHostAsync(resources.Inventory!.Id, HostVariablesBuilder.Build(new HostTarget { Address = "10.0.0.6" }),
            null, resources.BuildId, null, CancellationToken.None);
        resources.Hosts.Add(second);

        var job = await new JobLauncher(_api).LaunchAsync(false, templateId, new Dictionary<string, object?> { ["inventory"] = resources.Inventory.Id },
            resources.Inventory.Id, null, resources.Inventory.Id, resources.BuildId, CancellationToken.None);
        resources.Job = job;
        var reporter = new RecordingReporter();
        var result = await new JobFollower(_api, LifecycleHarness.Fast()).FollowAsync(job, reporter, CancellationToken.None);

        Assert.Equal("workflow_job", job.Type);
        Assert.Equal("successful", result.Status);
        Assert.Equal(2, result.Nodes.Count);
        Assert.True(reporter.Output.Count(l => l.Kind == JobOutputLineKind.Header) >= 2, "one header per slice");
        Assert.Contains(reporter.Output, l => l.Kind == JobOutputLineKind.Output);
        Assert.Contains("/#/jobs/workflow/", result.Url);
        var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);
        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_the_awx_layout_when_provisioning_end_to_end_then_it_succeeds_with_awx_ui_links_and_nothing_left()
    {
        var reporter = new RecordingReporter();

        var outcome = await new ProvisioningSession(_api, reporter).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Contains("/#/jobs/playbook/", outcome.Result!.Url);
        Assert.Contains("/#/inventories/inventory/", outcome.Resources.Inventory!.Url);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_the_pipeline_pieces_when_starting_a_template_then_credentials_merge_the_job_is_readable_and_waitable()
    {
        var (resources, _) = await PrepareAsync("With Vault");
        var build = BuildIdentity.Create(resources.BuildId, null, null);
        var machineType = await MachineCredentialType.FindIdAsync(_api, CancellationToken.None);
        resources.Credential = await new TemporaryResources(_api).CreateMachineCredentialAsync(build, 1, machineType,
            new MachineCredentialInputs { UserName = "ec2-user", SshKey = SshPrivateKey.Parse(SecretText.FromPlainText(LifecycleHarness.PrivateKeyPem)) }, null, CancellationToken.None);

        var job = await new TemplateLauncher(_api).StartAsync(new TemplateLaunchRequest
        {
            Template = "With Vault",
            InventoryId = resources.Inventory!.Id,
            InventoryIsUnique = true,
            Credentials = [resources.Credential.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ExtraVars = "{\"image_role\": \"db\"}",
        }, CancellationToken.None);
        resources.Job = job;

        Assert.Equal(resources.Inventory.Id, job.InventoryId);
        Assert.Contains(resources.Credential.Id, job.CredentialIds);
        Assert.Equal(2, job.CredentialIds.Count); // the template's vault stays, its Machine credential is replaced
        var read = await new JobQueries(_api).GetAsync(job.Id, null, CancellationToken.None);
        Assert.Equal(job.Id, read.Id);
        Assert.Equal("job", read.Type);
        var result = await new JobFollower(_api, LifecycleHarness.Fast()).FollowAsync(read, new RecordingReporter(), CancellationToken.None);
        Assert.Equal("successful", result.Status);

        var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(resources, null);
        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_ledger_file_left_by_a_killed_build_when_cleaning_up_from_it_then_everything_goes_and_the_file_too()
    {
        var directory = Directory.CreateTempSubdirectory("aappacker-crash-").FullName;
        try
        {
            var build = BuildIdentity.Create("crash-test", null, null);
            var ledger = new BuildLedger(build.BuildId, directory, build.InstanceSuffix);
            var factory = new TemporaryResources(_api);
            var inventory = await factory.CreateInventoryAsync(build, 1, null, ledger, CancellationToken.None);
            await factory.AddHostAsync(inventory.Id, HostVariablesBuilder.Build(new HostTarget { Address = "10.0.0.7" }), null, build.BuildId, ledger, CancellationToken.None);

            var recovered = Assert.Single(BuildLedger.LoadAll(directory));
            var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(recovered.ToResources(), recovered);

            Assert.True(cleanup.Complete, cleanup.ToString());
            Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
