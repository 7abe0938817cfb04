using System.Runtime.CompilerServices;
using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Provisioning.Guardian;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Guardian;

/// <summary>
/// The guardian's process starts beside the preflight (<see cref="IBuildWatcher.Prepare"/>), so its start is not on the
/// build's path; a preflight that fails leaves the started guardian nothing to do.
/// </summary>
public sealed class GuardianStartTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task Given_a_watcher_when_the_run_begins_then_it_is_prepared_while_the_preflight_runs()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var api = new SignallingApi(new AapClientApi(client));
        var watcher = new PreparesUntil(api.LaunchRequirementsRead);

        var outcome = await new ProvisioningSession(api, watcher: watcher).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        // Prepare waited for the preflight's read of the template's launch requirements: had the run prepared its
        // watcher before (or instead of) the preflight, that read would not have come while Prepare waited.
        Assert.True(watcher.SawPreflight, "the preflight ran while the watcher was being prepared");
        Assert.Equal(AapProvisionExitCode.Success, outcome.ExitCode);
        Assert.Equal(["prepare", "starting"], watcher.Calls.Take(2));
    }

    [Fact]
    public async Task Given_a_preflight_that_fails_when_the_guardian_was_started_beside_it_then_it_exits_having_been_told_nothing()
    {
        await fixture.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        var (channel, guardian, log) = CleanupGuardianTests.Connect(client);

        var outcome = await new ProvisioningSession(new AapClientApi(client), watcher: channel)
            .RunAsync(LifecycleHarness.Request("No Such Template"), CancellationToken.None);
        channel.Dispose(); // what the cmdlet does when the session returns

        var record = await guardian;
        Assert.Equal(AapProvisionExitCode.ConfigurationError, outcome.ExitCode);
        Assert.DoesNotContain(log, l => l.StartsWith("watching build", StringComparison.Ordinal)); // no hello: it never watched a build
        Assert.False(record.HasWork);
        Assert.Contains(log, l => l.StartsWith("input closed before anything was created", StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    /// <summary>Records the calls; its <see cref="Prepare"/> waits (bounded) for the preflight to reach the template's launch requirements.</summary>
    private sealed class PreparesUntil(Task preflightReached) : IBuildWatcher
    {
        public List<string> Calls { get; } = [];

        public bool SawPreflight { get; private set; }

        public int? ProcessId => null;

        public void Prepare()
        {
            Record("prepare");
            SawPreflight = preflightReached.Wait(TimeSpan.FromSeconds(30));
        }

        public void Starting(string buildId, string? ledgerPath) => Record("starting");

        public void Creating(string objectType, string name, int? parentId) => Record("creating");

        public void Created(BuildLedgerEntry entry) => Record("created");

        public void Launching(bool workflowTemplate, int templateId, int inventoryId) => Record("launching");

        public void Launched(AapJob job) => Record("launched");

        public bool HandOff() => false;

        public void Finished() => Record("finished");

        private void Record(string call)
        {
            lock (Calls)
            {
                Calls.Add(call);
            }
        }
    }

    /// <summary>The client, telling when a template's launch requirements (<c>job_templates/N/launch/</c>) are read.</summary>
    private sealed class SignallingApi(IAapApi inner) : IAapApi
    {
        private readonly TaskCompletionSource _launchRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task LaunchRequirementsRead => _launchRead.Task;

        public AapConnectionInfo Info => inner.Info;

        public Task Verified => inner.Verified;

        public PostRetry PostRetry => inner.PostRetry;

        public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
        {
            if (path.Contains("/launch/", StringComparison.Ordinal))
            {
                _launchRead.TrySetResult();
            }

            return inner.GetAsync(path, cancellationToken);
        }

        public IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);

        public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => inner.PostAsync(path, body, cancellationToken);

        public Task<int> DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
    }
}
