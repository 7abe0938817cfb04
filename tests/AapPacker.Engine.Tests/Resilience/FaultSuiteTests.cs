using System.Diagnostics;
using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;
using Xunit.Abstractions;

namespace AapPacker.Engine.Tests.Resilience;

/// <summary>
/// Issue 4 items 3 and 4, issue 11 item 2: whole provisioning lifecycles while the simulator injects transient faults on
/// every method (about one request in five fails with a 500/502/503/reset, POST answers are lost after AAP acted, a 429
/// burst asks to come back later), and the launch whose answer is lost. Figures go to the test log.
/// </summary>
public sealed class FaultSuiteTests(FastGatewaySimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<FastGatewaySimulatorFixture>, IAsyncLifetime
{
    private const int Lifecycles = 100;

    private AapClient? _client;
    private IAapApi _api = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();

        // The default retry count (eight: a lifecycle makes about 40 idempotent calls, and with one answer in five
        // failing, six attempts lost a call in about one lifecycle of 400, and a request caught by a 3-answer 429 burst
        // in about one of ten). Short steps so the suite runs in seconds, and a MaxDelay above the Retry-After the
        // burst asks for, so that pause is honoured rather than cut short.
        var options = Clients.TokenOptions(fixture.BaseUri);
        options.Retry = new AapRetryOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromSeconds(2),
        };
        _client = await Clients.ConnectAsync(options);
        _api = new AapClientApi(_client);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_one_request_in_five_failing_when_running_100_lifecycles_then_all_succeed_each_job_launches_once_and_nothing_is_left()
    {
        // Every method, about 20 % each: 503 (a proxy's text), 500 (AAP's JSON), 502 (nginx's HTML) and resets before
        // AAP acts, and on POST also answers lost after AAP acted (a reset, a 502 page or a 504): creates are adopted by
        // name, the launch by the build's inventory, and anything AAP did not do is sent again.
        await fixture.Control.AddFaultsAsync(
            new FaultSpec("*", ".*", "status") { Status = 503, Rate = 0.07 },
            new FaultSpec("*", ".*", "status") { Status = 500, Rate = 0.03 },
            new FaultSpec("*", ".*", "html") { Rate = 0.04 },
            new FaultSpec("*", ".*", "reset") { Rate = 0.04 },
            new FaultSpec("POST", ".*", "lostResponse") { Rate = 0.03 },
            new FaultSpec("POST", ".*", "lostResponse") { Status = 502, Rate = 0.02 },
            new FaultSpec("POST", ".*", "lostResponse") { Status = 504, Rate = 0.02 });
        var stopwatch = Stopwatch.StartNew();
        var failures = new List<string>();
        var jobIds = new List<int>();
        for (var i = 0; i < Lifecycles; i++)
        {
            if (i == Lifecycles / 3 || i == 2 * Lifecycles / 3)
            {
                // A throttling proxy in front of AAP: the next requests, of any method, are refused with 429 and Retry-After.
                await fixture.Control.AddFaultsAsync(new FaultSpec("*", ".*", "retryAfter") { Count = 3, RetryAfterSeconds = 1 });
            }

            var reporter = new RecordingReporter();
            var outcome = await new ProvisioningSession(_api, reporter).RunAsync(LifecycleHarness.Request("Baseline", $"fault-{i:000}"), CancellationToken.None);
            if (outcome.ExitCode != AapProvisionExitCode.Success || outcome.Cleanup is not { Complete: true })
            {
                failures.Add($"#{i}: {outcome} | cleanup: {outcome.Cleanup} | warnings: {string.Join(" / ", reporter.Warnings)}");
            }

            if (outcome.Result != null)
            {
                jobIds.Add(outcome.Result.Id);
            }
        }

        stopwatch.Stop();
        var state = await fixture.Control.GetStateAsync();
        var launches = state.GetProperty("launches").EnumerateArray().ToList();
        var perInventory = launches.GroupBy(l => l.GetProperty("payload").GetProperty("inventory").GetInt32()).ToList();
        var leftovers = state.GetProperty("userObjects").GetInt32();
        var log = await ReadRequestLogAsync();
        var faults = log.Where(r => r.TryGetProperty("fault", out var f) && f.ValueKind == JsonValueKind.String)
            .GroupBy(r => r.GetProperty("method").GetString() + " " + r.GetProperty("fault").GetString() + " " + r.GetProperty("status").GetInt32())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        // One quotable line ("Figures: " lines are gathered into build.ps1's summary), then the details.
        var faulted = faults.Sum(g => g.Count());
        var throttled = faults.Where(g => g.Key.Contains(" retryAfter 429", StringComparison.Ordinal)).Sum(g => g.Count());
        var posts = log.Count(r => r.GetProperty("method").GetString() == "POST");
        var faultedPosts = faults.Where(g => g.Key.StartsWith("POST ", StringComparison.Ordinal)).Sum(g => g.Count());
        output.WriteLine(FormattableString.Invariant(
            $"Figures: fault suite: {Lifecycles - failures.Count}/{Lifecycles} lifecycles succeeded; {launches.Count} launches on {perInventory.Count} build inventories (at most {perInventory.Select(g => g.Count()).DefaultIfEmpty(0).Max()} each); {leftovers} objects left; {faulted} of {log.Count} requests faulted ({100.0 * faulted / Math.Max(1, log.Count):0.0} %; POST {faultedPosts} of {posts}), {throttled} of them 429 with Retry-After; {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine($"Fault suite: {Lifecycles - failures.Count}/{Lifecycles} lifecycles succeeded in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"  launches: {launches.Count} (inventories launched against: {perInventory.Count}, most launches on one: {perInventory.Select(g => g.Count()).DefaultIfEmpty(0).Max()})");
        output.WriteLine($"  leftovers (userObjects): {leftovers}");
        output.WriteLine($"  requests: {log.Count}, faults fired: {faults.Sum(g => g.Count())}");
        foreach (var group in faults)
        {
            output.WriteLine($"    {group.Key}: {group.Count()}");
        }

        foreach (var failure in failures)
        {
            output.WriteLine("  FAILED " + failure);
        }

        Assert.Empty(failures);
        Assert.Equal(Lifecycles, launches.Count);
        Assert.Equal(Lifecycles, perInventory.Count);
        Assert.All(perInventory, g => Assert.Single(g));
        Assert.Equal(launches.Select(l => l.GetProperty("jobId").GetInt32()).Order(), jobIds.Order());
        Assert.Equal(0, leftovers);
        Assert.Contains(faults, g => g.Key.StartsWith("POST lostResponse", StringComparison.Ordinal));
        Assert.Contains(faults, g => g.Key.Contains(" retryAfter 429", StringComparison.Ordinal));
        Assert.Contains(faults, g => g.Key.StartsWith("POST status 503", StringComparison.Ordinal));
        Assert.True(faultedPosts >= posts / 10, $"Only {faultedPosts} of {posts} POSTs faulted.");
        Assert.True(faults.Sum(g => g.Count()) >= log.Count / 10, "The faults fired far less often than injected.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(504)]
    public async Task Given_the_launch_was_carried_out_but_its_answer_lost_when_provisioning_then_that_one_job_is_followed_to_success(int? status)
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/launch/$", "lostResponse") { Count = 1, Status = status });

        var reporter = new RecordingReporter();
        var outcome = await new ProvisioningSession(_api, reporter).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var launch = Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        var jobId = launch.GetProperty("jobId").GetInt32();
        Assert.Equal(jobId, outcome.Result!.Id);
        Assert.Equal("successful", await LifecycleHarness.JobStatusAsync(fixture, jobId));
        Assert.NotEmpty(reporter.Output);
        Assert.Single(await fixture.Control.GetRequestsAsync(), r => r.Method == "POST" && r.Path.EndsWith("/launch/", StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    [Fact]
    public async Task Given_the_launch_never_reached_aap_when_provisioning_then_it_is_sent_again_and_one_job_runs()
    {
        // A reset before AAP acted looks the same to the client as one after; the lookup finds no job, so it launches again.
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/launch/$", "reset") { Count = 1 });

        var outcome = await new ProvisioningSession(_api, new RecordingReporter()).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var launch = Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        Assert.Equal(launch.GetProperty("jobId").GetInt32(), outcome.Result!.Id);
        Assert.Equal(2, (await fixture.Control.GetRequestsAsync()).Count(r => r.Method == "POST" && r.Path.EndsWith("/launch/", StringComparison.Ordinal)));
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    /// <summary><c>GET /_sim/requests</c> as raw JSON: the shared record does not carry the <c>fault</c> field.</summary>
    private async Task<List<JsonElement>> ReadRequestLogAsync()
        => (await fixture.Control.GetAsync("requests")).EnumerateArray().Select(e => e.Clone()).ToList();
}
