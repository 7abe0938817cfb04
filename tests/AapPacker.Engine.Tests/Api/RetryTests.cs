using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// Idempotent calls survive transient failures (injected by the simulator); POST never repeats. Backoff is tiny
/// (1 ms) or runs on a fake clock, so no test waits on real delays.
/// </summary>
public class RetryTests(GatewaySimulatorFixture gateway) : IClassFixture<GatewaySimulatorFixture>
{
    private const string Organizations = "/api/controller/v2/organizations/";

    private async Task<AapClient> ConnectAsync(AapClientOptions? options = null)
    {
        await gateway.ResetAsync();
        var client = await Clients.ConnectAsync(options ?? Clients.TokenOptions(gateway.BaseUri));
        await gateway.Control.ClearRequestsAsync();
        return client;
    }

    private async Task<int> CountAsync(string method, string path)
        => (await gateway.Control.GetRequestsAsync()).Count(r => r.Method == method && r.Path == path);

    [Fact]
    public async Task Get_survives_503_at_a_rate()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Retry = Clients.FastRetry(maxRetries: 10);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "status") { Status = 503, Rate = 0.3 });

        const int Calls = 40;
        for (var i = 0; i < Calls; i++)
        {
            var page = await client.GetAsync("organizations/", CancellationToken.None);
            Assert.True(page.GetProperty("count").GetInt32() >= 2);
        }

        var requests = (await gateway.Control.GetRequestsAsync()).Where(r => r.Path == Organizations).ToList();
        Assert.Contains(requests, r => r.Status == 503);
        Assert.Equal(Calls, requests.Count(r => r.Status == 200));
    }

    [Theory]
    [InlineData("status", 500)]
    [InlineData("status", 502)]
    [InlineData("status", 503)]
    [InlineData("status", 504)]
    [InlineData("status", 408)]
    [InlineData("html", 502)]
    [InlineData("reset", null)]
    [InlineData("retryAfter", 429)]
    public async Task Get_is_retried_after_a_transient_failure(string kind, int? status)
    {
        using var client = await ConnectAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", kind) { Status = status, Count = 2, RetryAfterSeconds = 0 });

        var page = await client.GetAsync("organizations/", CancellationToken.None);

        Assert.True(page.GetProperty("count").GetInt32() >= 2);
        Assert.Equal(3, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Retries_give_up_after_max_retries_with_the_last_status()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Retry = Clients.FastRetry(maxRetries: 2);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "html") { Status = 502 });

        var error = await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("organizations/", CancellationToken.None));

        Assert.Equal(AapErrorKind.Server, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.DoesNotContain("<html>", error.Message);
        Assert.Equal(3, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task A_connection_reset_every_time_is_unreachable()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Retry = Clients.FastRetry(maxRetries: 1);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "reset"));

        var error = await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("organizations/", CancellationToken.None));

        Assert.Equal(AapErrorKind.Unreachable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(2, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Delete_is_retried()
    {
        using var client = await ConnectAsync();
        var created = await client.PostAsync("inventories/", new { name = "retry-delete", organization = 1 }, CancellationToken.None);
        var id = created.GetProperty("id").GetInt32();
        await gateway.Control.AddFaultsAsync(new FaultSpec("DELETE", "/inventories/\\d+/$", "status") { Status = 503, Count = 1 });

        Assert.Equal(202, await client.DeleteAsync("inventories/" + id + "/", CancellationToken.None));
        Assert.Equal(2, await CountAsync("DELETE", "/api/controller/v2/inventories/" + id + "/"));
    }

    [Fact]
    public async Task Retry_after_is_honoured_on_the_injected_clock()
    {
        var clock = new DelayObservingClock();
        var log = new RecordingLog();
        var options = Clients.TokenOptions(gateway.BaseUri, log: log);
        options.TimeProvider = clock;
        options.Retry = new AapRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "retryAfter") { RetryAfterSeconds = 7, Count = 1 });

        var call = client.GetAsync("organizations/", CancellationToken.None);
        var retrying = await log.WaitForAsync("Verbose", "retry 1 of 3");
        await clock.DelayScheduled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("in 7 s", retrying);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(7));
        await call;
        Assert.Equal(2, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Retry_after_is_capped_at_max_delay()
    {
        var clock = new DelayObservingClock();
        var log = new RecordingLog();
        var options = Clients.TokenOptions(gateway.BaseUri, log: log);
        options.TimeProvider = clock;
        options.Retry = new AapRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(2) };
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "retryAfter") { RetryAfterSeconds = 120, Count = 1 });

        var call = client.GetAsync("organizations/", CancellationToken.None);
        var retrying = await log.WaitForAsync("Verbose", "retry 1 of 3");
        await clock.DelayScheduled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("in 2 s", retrying);
        clock.Advance(TimeSpan.FromSeconds(2));
        await call;
    }

    [Fact]
    public async Task Backoff_waits_on_the_injected_clock()
    {
        var clock = new DelayObservingClock();
        var log = new RecordingLog();
        var options = Clients.TokenOptions(gateway.BaseUri, log: log);
        options.TimeProvider = clock;
        options.Retry = new AapRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(60) };
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "status") { Status = 503, Count = 1 });

        var call = client.GetAsync("organizations/", CancellationToken.None);
        await log.WaitForAsync("Verbose", "retry 1 of 2");
        await clock.DelayScheduled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await CountAsync("GET", Organizations));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await call;
        Assert.Equal(2, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Post_is_never_retried()
    {
        using var client = await ConnectAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "status") { Status = 503, Count = 1 });

        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "never-twice", organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Server, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Equal(1, await CountAsync("POST", "/api/controller/v2/inventories/"));
        var state = await gateway.Control.GetStateAsync();
        Assert.Equal(0, state.GetProperty("userObjects").GetInt32());
    }

    [Fact]
    public async Task A_lost_post_response_is_unreachable_and_created_exactly_once()
    {
        using var client = await ConnectAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "lostResponse") { Count = 1 });

        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "lost-once", organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Unreachable, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Equal(1, await CountAsync("POST", "/api/controller/v2/inventories/"));
        var found = await client.GetAsync("inventories/?name=lost-once", CancellationToken.None);
        Assert.Equal(1, found.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_gateway_timeout_on_post_is_reported_as_possibly_applied()
    {
        using var client = await ConnectAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "lostResponse") { Status = 504, Count = 1 });

        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "lost-504", organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Server, error.Kind);
        Assert.Equal(504, error.StatusCode);
        Assert.True(error.MayHaveBeenApplied);
        var found = await client.GetAsync("inventories/?name=lost-504", CancellationToken.None);
        Assert.Equal(1, found.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried()
    {
        var log = new RecordingLog();
        var options = Clients.TokenOptions(gateway.BaseUri, log: log);
        options.RequestTimeout = TimeSpan.FromMilliseconds(400);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "latency") { LatencyMs = 5000, Count = 1 });

        await client.GetAsync("organizations/", CancellationToken.None);

        Assert.Contains(log.Messages("Verbose"), m => m.Contains("no answer in time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_request_is_traced_at_debug_level()
    {
        var log = new RecordingLog();
        using var client = await ConnectAsync(Clients.TokenOptions(gateway.BaseUri, log: log));
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "status") { Status = 503, Count = 1 });

        await client.GetAsync("organizations/", CancellationToken.None);

        var traces = log.Messages("Debug").Where(m => m.Contains(Organizations, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, traces.Count);
        Assert.Contains("-> 503", traces[0]);
        Assert.Contains("attempt 1", traces[0]);
        Assert.Contains("-> 200", traces[1]);
        Assert.Contains("attempt 2", traces[1]);
    }

    [Fact]
    public async Task An_html_page_where_json_was_expected_is_retried()
    {
        using var client = await ConnectAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "html") { Status = 200, Count = 1 });

        var page = await client.GetAsync("organizations/", CancellationToken.None);

        Assert.True(page.GetProperty("count").GetInt32() >= 2);
        Assert.Equal(2, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task An_html_page_every_time_is_a_protocol_error()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Retry = Clients.FastRetry(maxRetries: 1);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "html") { Status = 200 });

        var error = await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("organizations/", CancellationToken.None));

        Assert.Equal(AapErrorKind.Protocol, error.Kind);
        Assert.Equal(2, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Retrying_can_be_turned_off()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Retry = new AapRetryOptions { MaxRetries = 0 };
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "status") { Status = 503, Count = 1 });

        var error = await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("organizations/", CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task Advancing_a_fake_clock_does_not_time_out_a_request_in_flight()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.TimeProvider = clock;
        options.RequestTimeout = TimeSpan.FromSeconds(30);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "latency") { LatencyMs = 300, Count = 1 });

        var call = client.GetAsync("organizations/", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));
        await call;

        Assert.Equal(1, await CountAsync("GET", Organizations));
    }

    [Fact]
    public async Task A_post_without_an_answer_in_time_is_unreachable_and_not_repeated()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        using var client = await ConnectAsync(options);
        await gateway.Control.AddFaultsAsync(new FaultSpec("POST", "/inventories/$", "latency") { LatencyMs = 3000, Count = 1 });

        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "slow-post", organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Unreachable, error.Kind);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Contains("no answer within", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
