using System.IO.Pipes;
using System.Text;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Provisioning.Guardian;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Guardian;

/// <summary>
/// The guardian protocol in process: a real lifecycle tells a <see cref="GuardianChannel"/>, which writes into a pipe a
/// <see cref="CleanupGuardian"/> reads, exactly as across processes. Closing the pipe without "done" is the build
/// process dying.
/// </summary>
public sealed class CleanupGuardianTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_the_build_dies_after_the_launch_when_the_guardian_reads_end_of_input_then_it_cancels_the_job_and_removes_everything()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = Connect(client);
        var dying = new DiesAfterLaunch(channel);
        var request = LifecycleHarness.Request("Long Quiet");
        IBuildWatcher watcher = dying;
        using var build = new CancellationTokenSource();
        var session = new ProvisioningSession(new AapClientApi(client), watcher: watcher).RunAsync(request, build.Token);

        // The build "dies" the moment its job exists: the guardian sees its input end without "done".
        var record = await guardian;
        Assert.False(record.Finished);
        Assert.NotNull(record.Resources.Job);
        Assert.Equal("canceled", await LifecycleHarness.JobStatusAsync(fixture, record.Resources.Job!.Id));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        Assert.Contains(log, l => l.StartsWith("canceling job", StringComparison.Ordinal));

        // The session (still alive in this test) saw its job canceled and found nothing left to remove.
        var outcome = await session;
        Assert.Equal(AapProvisionExitCode.JobCanceled, outcome.ExitCode);
    }

    [Fact]
    public async Task Given_a_build_that_finishes_when_done_arrives_then_the_guardian_changes_nothing()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, _) = Connect(client);
        var request = LifecycleHarness.Request("Baseline");
        IBuildWatcher watcher = channel;
        request.Cleanup.WaitForCleanup = true;

        var outcome = await new ProvisioningSession(new AapClientApi(client), watcher: watcher).RunAsync(request, CancellationToken.None);
        var record = await guardian;

        Assert.Equal(AapProvisionExitCode.Success, outcome.ExitCode);
        Assert.Empty(outcome.Cleanup!.HandedOff);
        Assert.True(record.Finished);
        Assert.False(record.HasWork);
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.DoesNotContain(requests, r => r.Path.EndsWith("/cancel/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_build_whose_inventory_aap_still_holds_when_the_job_ends_then_the_build_hands_it_over_and_the_guardian_removes_and_confirms_it()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = Connect(client);
        var request = LifecycleHarness.Request("Baseline");
        IBuildWatcher watcher = channel;
        request.LedgerDirectory = Path.Combine(Path.GetTempPath(), "aappacker-handoff-" + Guid.NewGuid().ToString("N"));

        var outcome = await new ProvisioningSession(new AapClientApi(client), watcher: watcher).RunAsync(request, CancellationToken.None);

        // The build returned with the credential (the secret) deleted by itself and the inventory handed over, still on
        // the ledger for the guardian to clear.
        Assert.Equal(AapProvisionExitCode.Success, outcome.ExitCode);
        Assert.Contains(outcome.Cleanup!.Removed, i => i.ObjectType == "credential");
        var handed = Assert.Single(outcome.Cleanup.HandedOff);
        Assert.Equal("inventory", handed.ObjectType);
        Assert.StartsWith("handed to the cleanup guardian: as usual right after a job", handed.Reason, StringComparison.Ordinal);
        Assert.True(outcome.Cleanup.Complete);
        Assert.True(channel.HandedOff);

        var record = await guardian;
        Assert.True(record.HandedOff);
        Assert.True(record.Cleanup!.Complete, record.Cleanup.ToString());
        Assert.Contains(log, l => l.StartsWith("the build handed its cleanup over", StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.DoesNotContain(requests, r => r.Path.EndsWith("/cancel/", StringComparison.Ordinal)); // the job was over: nothing to cancel
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith($"/inventories/{handed.Id}/", StringComparison.Ordinal) && r.Status == 404); // confirmed gone
        Assert.Empty(Directory.Exists(request.LedgerDirectory) ? Directory.GetFiles(request.LedgerDirectory, "*.json") : []);
    }

    [Fact]
    public void Given_a_guardian_that_never_started_when_the_build_would_hand_its_cleanup_over_then_it_is_refused_and_the_build_waits_itself()
    {
        var channel = new GuardianChannel(() => throw new InvalidOperationException("no host"), new GuardianConnection { Uri = "https://aap.example.com/" });

        channel.Starting("b", null);

        Assert.False(channel.HandOff());
        Assert.False(channel.HandedOff);
        Assert.Contains("no host", channel.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_build_dies_during_the_launch_post_when_no_job_id_arrived_then_the_guardian_finds_the_job_on_the_build_inventory_and_cancels_it()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = Connect(client);
        var request = LifecycleHarness.Request("Long Quiet");
        IBuildWatcher watcher = new DiesAtLaunching(channel);
        var session = new ProvisioningSession(new AapClientApi(client), watcher: watcher).RunAsync(request, CancellationToken.None);

        var record = await guardian;
        Assert.DoesNotContain(log, l => l.StartsWith("job ", StringComparison.Ordinal) && l.EndsWith("'job'", StringComparison.Ordinal)); // never told the id
        Assert.Contains(log, l => l.StartsWith("found the launched job", StringComparison.Ordinal));
        var launched = (await LifecycleHarness.LaunchesAsync(fixture)).Single().GetProperty("jobId").GetInt32();
        Assert.Equal("canceled", await LifecycleHarness.JobStatusAsync(fixture, launched));
        await session;
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_aap_unreachable_when_the_build_started_when_the_build_dies_then_the_guardian_connects_again_and_cleans_up()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var inventory = await new TemporaryResources(new AapClientApi(client)).CreateInventoryAsync(
            BuildIdentity.Create("guardian-retry", null, null), 1, null, null, CancellationToken.None);
        await fixture.Control.ClearRequestsAsync();
        await fixture.Control.AddFaultsAsync(new FaultSpec("GET", "/me/$", "status") { Status = 401, Count = 1 });
        var (channel, guardian, log) = Connect(client);

        channel.Starting("guardian-retry", null);
        channel.Created(new BuildLedgerEntry { ObjectType = "inventory", Id = inventory.Id, Name = inventory.Name });
        while (!(await fixture.Control.GetRequestsAsync()).Any(r => r.Status == 401))
        {
            await Task.Yield(); // the event: the guardian's early connection was refused
        }

        channel.Dispose();
        await guardian;

        Assert.Contains(log, l => l.StartsWith("the early connection failed", StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public void Given_a_connection_when_shown_or_when_scrubbing_an_environment_then_no_secret_remains()
    {
        var connection = new GuardianConnection { Uri = "https://aap.example.com/", Token = "tok-3f9a-secret", UserName = "u", Password = "pw-77-secret" };
        var environment = new Dictionary<string, string?>
        {
            ["AAP_TOKEN"] = "tok-3f9a-secret",
            ["CONTROLLER_PASSWORD"] = "x",
            ["AAPPACKER_SSHKEY_B64"] = "LS0tLS1CRUdJTg==",
            ["MY_COPY"] = "prefix pw-77-secret suffix",
            ["PATH"] = "/usr/bin",
        };

        var removed = GuardianEnvironment.Scrub(environment, connection.Secrets());

        Assert.DoesNotContain("secret", connection.ToString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "PATH" }, environment.Keys);
        Assert.Equal(4, removed.Count);
    }

    [Fact]
    public async Task Given_input_that_ends_before_anything_was_created_then_the_guardian_does_nothing()
    {
        var log = new List<string>();
        var record = await new CleanupGuardian(log.Add).RunAsync(new StringReader("not json\n"));

        Assert.False(record.HasWork);
        Assert.Equal(1, record.UnreadableLines);
    }

    [Fact]
    public async Task Given_the_build_dies_while_its_inventory_create_is_on_the_wire_when_aap_acted_then_the_guardian_finds_it_by_name_and_removes_it()
    {
        // Issue 15 item 2: AAP acts at once and answers 3 s later; the build is killed in between, so it never learns the id.
        await fixture.ResetAsync();
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "slowAnswer") { LatencyMs = 3000, Count = 1 });
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = Connect(client);
        var build = BuildIdentity.Create("guardian-in-flight", null, null);
        var ledger = new BuildLedger(build.BuildId, null) { Recorded = channel.Created, Creating = channel.Creating };
        channel.Starting(build.BuildId, null);

        var create = new TemporaryResources(new AapClientApi(client)).CreateInventoryAsync(build, 1, null, ledger, CancellationToken.None);
        while (!(await fixture.Control.GetRequestsAsync()).Any(r => r.Method == "POST" && r.Status == 201 && r.Path.EndsWith("/inventories/", StringComparison.Ordinal)))
        {
            await Task.Yield(); // the event: AAP has created the inventory (its answer is still 3 s away)
        }

        channel.Dispose(); // killed
        var record = await guardian;
        await create;

        Assert.Contains(log, l => l.StartsWith("found the inventory ", StringComparison.Ordinal));
        Assert.True(record.Cleanup!.Complete, record.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_the_build_dies_after_writing_its_ledger_before_telling_the_guardian_then_the_guardian_removes_the_object_and_the_ledger_file()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = Connect(client);
        var build = BuildIdentity.Create("guardian-ledger-only", null, null);
        var directory = Path.Combine(Path.GetTempPath(), "aappacker-ledger-only-" + Guid.NewGuid().ToString("N"));
        var ledger = new BuildLedger(build.BuildId, directory); // no Recorded hook: the line to the guardian never went out
        channel.Starting(build.BuildId, ledger.FilePath);
        await new TemporaryResources(new AapClientApi(client)).CreateInventoryAsync(build, 1, null, ledger, CancellationToken.None);
        Assert.True(File.Exists(ledger.FilePath));

        channel.Dispose(); // killed
        var record = await guardian;

        Assert.Contains(log, l => l.Contains("found only in the ledger", StringComparison.Ordinal));
        Assert.True(record.Cleanup!.Complete, record.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        Assert.False(File.Exists(ledger.FilePath), "the guardian marks what it removed, and the ledger file goes");
    }

    /// <summary>A channel writing into an in-process pipe, and the guardian reading its other end.</summary>
    internal static (GuardianChannel Channel, Task<GuardianRecord> Guardian, List<string> Log) Connect(AapClient client)
    {
        var server = new AnonymousPipeServerStream(PipeDirection.Out);
        var reader = new StreamReader(new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle), Encoding.UTF8);
        var log = new List<string>();
        var guardian = Task.Run(async () =>
        {
            using (reader)
            {
                return await new CleanupGuardian(line => { lock (log) { log.Add(line); } }).RunAsync(reader);
            }
        });
        var channel = new GuardianChannel(() => (new StreamWriter(server, new UTF8Encoding(false)), null), GuardianConnection.From(client.Options));
        return (channel, guardian, log);
    }

    /// <summary>Forwards to the channel, then closes it (the process "dies") once the job exists.</summary>
    private sealed class DiesAfterLaunch(GuardianChannel channel) : IBuildWatcher
    {
        public void Prepare() => channel.Prepare();

        public void Starting(string buildId, string? ledgerPath) => channel.Starting(buildId, ledgerPath);

        public void Creating(string objectType, string name, int? parentId) => channel.Creating(objectType, name, parentId);

        public void Created(BuildLedgerEntry entry) => channel.Created(entry);

        public void Launching(bool workflowTemplate, int templateId, int inventoryId) => channel.Launching(workflowTemplate, templateId, inventoryId);

        public void Launched(AapJob job)
        {
            channel.Launched(job);
            channel.Dispose();
        }

        public bool HandOff() => channel.HandOff();

        public int? ProcessId => channel.ProcessId;

        public void Finished() => channel.Finished();
    }

    /// <summary>Forwards to the channel and closes it right after "launching": the job id never reaches the guardian.</summary>
    private sealed class DiesAtLaunching(GuardianChannel channel) : IBuildWatcher
    {
        public void Prepare() => channel.Prepare();

        public void Starting(string buildId, string? ledgerPath) => channel.Starting(buildId, ledgerPath);

        public void Creating(string objectType, string name, int? parentId) => channel.Creating(objectType, name, parentId);

        public void Created(BuildLedgerEntry entry) => channel.Created(entry);

        public void Launching(bool workflowTemplate, int templateId, int inventoryId)
        {
            channel.Launching(workflowTemplate, templateId, inventoryId);
            channel.Dispose();
        }

        public void Launched(AapJob job) => channel.Launched(job);

        public bool HandOff() => channel.HandOff();

        public int? ProcessId => channel.ProcessId;

        public void Finished() => channel.Finished();
    }
}
