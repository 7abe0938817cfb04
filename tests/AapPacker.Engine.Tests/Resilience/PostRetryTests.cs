using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Resilience;

/// <summary>
/// Issue 11 item 2: every create and the launch survive the transient answers AAP's gateway gives on a POST. A 503 or
/// 429 before AAP acted is retried; a 502 after AAP acted is adopted by name (or, for the launch, by the build's
/// inventory), so nothing is ever made twice.
/// </summary>
public sealed class PostRetryTests(FastGatewaySimulatorFixture fixture) : IClassFixture<FastGatewaySimulatorFixture>, IAsyncLifetime
{
    public static TheoryData<string> CreatePaths => new()
    {
        "/inventories/$",
        "/inventories/[0-9]+/hosts/$",
        "/credentials/$",
        "/launch/$",
    };

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(CreatePaths))]
    public async Task Given_a_503_before_aap_acted_when_posting_then_the_post_is_sent_again_and_the_build_succeeds(string path)
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", path, "status") { Status = 503, Count = 1 });

        var posts = await RunLifecycleAsync(path);

        Assert.Equal(new[] { 503, 201 }, posts.Select(p => p.Status == 200 ? 201 : p.Status));
    }

    [Theory]
    [MemberData(nameof(CreatePaths))]
    public async Task Given_a_429_with_retry_after_when_posting_then_the_post_waits_and_is_sent_again(string path)
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", path, "retryAfter") { Count = 2, RetryAfterSeconds = 1 });

        // The test clients cap every pause at 20 ms; this one honours a Retry-After of up to 2 s.
        var posts = await RunLifecycleAsync(path, new AapRetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(2) });

        Assert.Equal(new[] { 429, 429, 201 }, posts.Select(p => p.Status == 200 ? 201 : p.Status));
        Assert.True(posts[2].At - posts[1].At >= TimeSpan.FromSeconds(0.9), $"The second retry came {(posts[2].At - posts[1].At).TotalSeconds:0.###} s after the 429 that asked for 1 s.");
    }

    [Theory]
    [MemberData(nameof(CreatePaths))]
    public async Task Given_a_502_after_aap_acted_when_posting_then_the_object_is_adopted_and_not_made_twice(string path)
    {
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", path, "lostResponse") { Status = 502, Count = 1 });

        var posts = await RunLifecycleAsync(path);

        // One POST only, the one AAP carried out (the log keeps the status AAP would have sent).
        var post = Assert.Single(posts);
        Assert.InRange(post.Status, 200, 201);
    }

    [Fact]
    public async Task Given_a_400_when_creating_then_it_is_final_and_not_sent_again()
    {
        // AAP's verdict on the body: repeating it cannot help. A host variable AAP refuses is the simplest 400 here.
        await fixture.Control.AddFaultsAsync(new FaultSpec("POST", "/credentials/$", "status") { Status = 400, Count = 1 });

        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using (client)
        {
            var outcome = await new ProvisioningSession(api, new RecordingReporter()).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

            Assert.NotEqual(AapProvisionExitCode.Success, outcome.ExitCode);
        }

        Assert.Single(await PostsToAsync("/credentials/$"));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    /// <summary>Runs one lifecycle that must succeed with one job and nothing left; returns the POSTs to <paramref name="path"/>.</summary>
    private async Task<List<LoggedRequest>> RunLifecycleAsync(string path, AapRetryOptions? retry = null)
    {
        var options = Clients.TokenOptions(fixture.BaseUri);
        options.Retry = retry ?? options.Retry;
        var client = await Clients.ConnectAsync(options);
        var api = new AapClientApi(client);
        using (client)
        {
            var reporter = new RecordingReporter();
            var outcome = await new ProvisioningSession(api, reporter).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

            Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
            Assert.True(outcome.Cleanup is { Complete: true }, outcome.Cleanup?.ToString());
        }

        Assert.Single(await LifecycleHarness.LaunchesAsync(fixture));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
        return await PostsToAsync(path);
    }

    private async Task<List<LoggedRequest>> PostsToAsync(string path)
    {
        var pattern = new System.Text.RegularExpressions.Regex(path);
        return (await fixture.Control.GetRequestsAsync()).Where(r => r.Method == "POST" && pattern.IsMatch(r.Path)).OrderBy(r => r.At).ToList();
    }
}
