using System.Collections;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>The whole Invoke-AapPackerProvision lifecycle against the simulator (gateway layout), over real HTTP.</summary>
public sealed class ProvisioningSessionTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>, IAsyncLifetime
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

    private async Task<(ProvisioningOutcome Outcome, RecordingReporter Reporter)> RunAsync(ProvisioningRequest request, CancellationToken token = default)
    {
        var reporter = new RecordingReporter();
        var outcome = await new ProvisioningSession(_api, reporter).RunAsync(request, token);
        return (outcome, reporter);
    }

    [Fact]
    public async Task Given_a_prompting_template_when_provisioning_then_the_job_succeeds_output_streams_and_nothing_is_left()
    {
        var request = LifecycleHarness.Request("Baseline");
        request.Packer = new AapPacker.Engine.Packer.PackerTarget { RunUuid = "0f8e0a52-7a8f-4b57-a1f5-0a2b1a2f9c11", BuildName = "golden", BuilderType = "null" };
        request.Launch.ExtraVars = "image_role: web";

        var (outcome, reporter) = await RunAsync(request);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal("successful", outcome.Result!.Status);
        Assert.NotEmpty(outcome.Result.HostRecaps);
        Assert.Contains("/execution/jobs/playbook/", outcome.Result.Url);
        var lines = reporter.Output.Where(l => l.Kind == JobOutputLineKind.Output).Select(l => l.LineNumber).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(Enumerable.Range(0, lines.Count).Select(i => (long)i), lines); // complete and in order
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));

        var launch = Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        var payload = launch.GetProperty("payload");
        Assert.Equal(outcome.Resources.Inventory!.Id, payload.GetProperty("inventory").GetInt32());
        Assert.Contains(outcome.Resources.Credential!.Id, payload.GetProperty("credentials").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("golden", payload.GetProperty("extra_vars").GetProperty("packer_build_name").GetString());
        Assert.Equal("web", payload.GetProperty("extra_vars").GetProperty("image_role").GetString());
        Assert.Contains(reporter.Lifecycles, l => l.StartsWith("Launched job", StringComparison.Ordinal) && l.Contains("/execution/jobs/playbook/"));
        Assert.DoesNotContain(reporter.Everything, l => l.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_failing_playbook_when_provisioning_then_the_exit_code_is_job_failed_and_nothing_is_left()
    {
        var (outcome, _) = await RunAsync(LifecycleHarness.Request("Failing Playbook"));

        Assert.Equal(AapProvisionExitCode.JobFailed, outcome.ExitCode);
        Assert.Equal("JobFailed", outcome.ErrorId);
        Assert.Equal("failed", outcome.Result!.Status);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_template_without_prompts_when_provisioning_then_it_is_refused_before_anything_is_created()
    {
        await fixture.Control.ClearRequestsAsync();

        var (outcome, _) = await RunAsync(LifecycleHarness.Request("No Prompts"));

        Assert.Equal(AapProvisionExitCode.ConfigurationError, outcome.ExitCode);
        Assert.Contains("ask_inventory_on_launch", outcome.Error!.Message);
        Assert.DoesNotContain(await fixture.Control.GetRequestsAsync(), r => r.Method == "POST");
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_survey_template_when_the_required_variable_is_missing_or_given_then_it_is_refused_or_runs()
    {
        var (refused, _) = await RunAsync(LifecycleHarness.Request("Survey Template"));
        Assert.Equal(AapProvisionExitCode.ConfigurationError, refused.ExitCode);
        Assert.Equal("SurveyVariablesMissing", refused.ErrorId);

        var request = LifecycleHarness.Request("Survey Template");
        request.Launch.ExtraVars = new Hashtable { ["target_os"] = "linux" };
        var (ran, _) = await RunAsync(request);
        Assert.True(ran.ExitCode == AapProvisionExitCode.Success, ran.Error?.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_template_with_machine_and_vault_defaults_when_provisioning_then_the_vault_is_kept_and_the_machine_replaced()
    {
        var (outcome, _) = await RunAsync(LifecycleHarness.Request("With Vault"));

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var credentials = Assert.Single(await LifecycleHarness.LaunchesAsync(fixture)).GetProperty("payload").GetProperty("credentials").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Equal(2, credentials.Count);
        Assert.Contains(outcome.Resources.Credential!.Id, credentials);
    }

    [Fact]
    public async Task Given_the_launch_answer_is_lost_when_provisioning_then_the_job_is_reconciled_and_launched_exactly_once()
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "launch/$", "lostResponse") { Count = 1 });

        var (outcome, _) = await RunAsync(LifecycleHarness.Request("Baseline"));

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        Assert.Single(await fixture.Control.GetRequestsAsync(), r => r.Method == "POST" && r.Path.EndsWith("/launch/", StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_the_launch_answer_is_lost_with_a_504_when_provisioning_then_it_is_reconciled_too()
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "launch/$", "lostResponse") { Count = 1, Status = 504 });

        var (outcome, _) = await RunAsync(LifecycleHarness.Request("Baseline"));

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
    }

    [Fact]
    public async Task Given_the_build_is_interrupted_while_the_job_runs_when_provisioning_then_the_job_is_canceled_and_everything_removed()
    {
        using var interrupt = new CancellationTokenSource();
        var reporter = new RecordingReporter { OnStatusSeen = s => { if (s.Status == "running") interrupt.Cancel(); } };

        var outcome = await new ProvisioningSession(_api, reporter).RunAsync(LifecycleHarness.Request("Long Quiet"), interrupt.Token);

        Assert.Equal(AapProvisionExitCode.JobCanceled, outcome.ExitCode);
        Assert.Equal("canceled", await LifecycleHarness.JobStatusAsync(fixture, outcome.Resources.Job!.Id));
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_timeout_when_the_job_runs_longer_then_it_is_canceled_with_exit_code_3_and_nothing_is_left()
    {
        var request = LifecycleHarness.Request("Long Quiet");
        request.Follow.Timeout = TimeSpan.FromMilliseconds(500);

        var (outcome, _) = await RunAsync(request);

        Assert.Equal(AapProvisionExitCode.TimedOut, outcome.ExitCode);
        Assert.True(outcome.Result!.TimedOut);
        Assert.Equal("canceled", await LifecycleHarness.JobStatusAsync(fixture, outcome.Result.Id));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_chatty_job_when_following_then_every_line_arrives_untruncated()
    {
        var (outcome, reporter) = await RunAsync(LifecycleHarness.Request("Chatty"));

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var lines = reporter.Output.Where(l => l.Kind == JobOutputLineKind.Output).ToList();
        Assert.Equal(Enumerable.Range(0, lines.Count).Select(i => (long)i), lines.Select(l => l.LineNumber));
        Assert.Contains(lines, l => l.Text.Length > 1024);
        Assert.DoesNotContain(reporter.Output, l => l.Kind == JobOutputLineKind.Notice);
    }

    [Fact]
    public async Task Given_a_workflow_without_NoCredential_when_provisioning_then_it_is_refused_and_nothing_created()
    {
        var request = LifecycleHarness.Request("ignored");
        request.JobTemplate = null;
        request.WorkflowJobTemplate = "Image Pipeline";

        var (outcome, _) = await RunAsync(request);

        Assert.Equal(AapProvisionExitCode.ConfigurationError, outcome.ExitCode);
        Assert.Equal(WorkflowCredentialPolicy.ErrorId, outcome.ErrorId);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_a_workflow_with_NoCredential_when_provisioning_then_node_output_streams_under_a_header()
    {
        var request = LifecycleHarness.Request("ignored");
        request.JobTemplate = null;
        request.WorkflowJobTemplate = "Image Pipeline";
        request.Credential.None = true;
        request.Credential.SshPrivateKey = null;

        var (outcome, reporter) = await RunAsync(request);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.Equal("workflow_job", outcome.Result!.Type);
        var node = Assert.Single(outcome.Result.Nodes);
        Assert.Equal("successful", node.Status);
        Assert.Contains(reporter.Output, l => l.Kind == JobOutputLineKind.Header && l.Text.Contains("baseline", StringComparison.Ordinal));
        Assert.Contains(reporter.Output, l => l.Kind == JobOutputLineKind.Output);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Theory]
    [InlineData("Does Not Exist", "Default", "JobTemplateNotFound")]
    [InlineData("Baseline", "No Such Org", "OrganizationNotFound")]
    public async Task Given_an_unknown_template_or_organization_when_provisioning_then_exit_code_4_and_nothing_created(string template, string org, string errorId)
    {
        var request = LifecycleHarness.Request(template);
        request.Organization = org;

        var (outcome, _) = await RunAsync(request);

        Assert.Equal(AapProvisionExitCode.ConfigurationError, outcome.ExitCode);
        Assert.Equal(errorId, outcome.ErrorId);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_an_encrypted_key_without_passphrase_when_provisioning_then_exit_code_4_and_nothing_created()
    {
        var request = LifecycleHarness.Request("Baseline");
        request.Credential.SshPrivateKey = SecretText.FromPlainText(SshPrivateKeyTests.OpenSshKey("aes256-ctr"));

        var (outcome, _) = await RunAsync(request);

        Assert.Equal("EncryptedSshKeyWithoutPassphrase", outcome.ErrorId);
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_keep_flags_when_provisioning_then_the_objects_stay_and_a_sweep_by_build_id_removes_them_only()
    {
        var request = LifecycleHarness.Request("Baseline", "keep-me-1");
        request.Cleanup.KeepInventory = true;
        request.Cleanup.KeepCredential = true;
        var (outcome, _) = await RunAsync(request);
        Assert.Equal(AapProvisionExitCode.Success, outcome.ExitCode);
        Assert.True(outcome.Cleanup!.Complete);
        // Kept is an outcome of its own, not a failure: nothing is Left, and the reason is only words for people.
        Assert.Equal(new[] { "credential", "host", "inventory" }, outcome.Cleanup.Left.Select(i => i.ObjectType).Order());
        Assert.All(outcome.Cleanup.Left, item => Assert.Equal(AapCleanupOutcome.Kept, item.Outcome));
        Assert.Equal(3, await LifecycleHarness.UserObjectsAsync(fixture));
        var foreign = await _api.PostAsync("inventories/", new Dictionary<string, object?> { ["name"] = "packer-foreign", ["organization"] = 1, ["description"] = "hand made" }, CancellationToken.None);

        var found = await new LeftoverSweep(_api).FindAsync("keep-me-1", null, null, CancellationToken.None);
        var build = Assert.Single(found);
        Assert.Equal(outcome.Resources.Inventory!.Id, build.Inventory!.Id);
        Assert.Equal(outcome.Resources.Credential!.Id, build.Credential!.Id);
        var cleanup = await new BuildCleanup(_api, LifecycleHarness.Request("x").Cleanup).RunAsync(build, null);

        Assert.True(cleanup.Complete, cleanup.ToString());
        Assert.All(cleanup.Removed, item => Assert.Equal(AapCleanupOutcome.Removed, item.Outcome));
        Assert.Equal(1, await LifecycleHarness.UserObjectsAsync(fixture)); // only the hand-made inventory
        Assert.Equal("packer-foreign", (await _api.GetAsync("inventories/" + foreign.GetProperty("id").GetInt32() + "/", CancellationToken.None)).GetProperty("name").GetString());
    }
}
