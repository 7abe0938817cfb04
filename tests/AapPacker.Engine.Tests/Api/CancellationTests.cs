using System.Diagnostics;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>The caller's token stops a call promptly, surfaces as OperationCanceledException, and is never retried.</summary>
public class CancellationTests(GatewaySimulatorFixture gateway) : IClassFixture<GatewaySimulatorFixture>
{
    [Fact]
    public async Task A_cancelled_get_stops_promptly_and_is_not_retried()
    {
        await gateway.ResetAsync();
        var log = new RecordingLog();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri, log: log));
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/organizations/$", "latency") { LatencyMs = 15000 });
        using var cancellation = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();

        var call = client.GetAsync("organizations/", cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "cancellation took " + watch.Elapsed);
        Assert.DoesNotContain(log.Messages("Verbose"), m => m.Contains("retry", StringComparison.Ordinal));
        Assert.Single(log.Messages("Debug"), m => m.Contains("/organizations/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await gateway.ResetAsync();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        await gateway.Control.ClearRequestsAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.PostAsync("inventories/", new { name = "cancelled", organization = 1 }, new CancellationToken(canceled: true)));

        Assert.Empty(await gateway.Control.GetRequestsAsync());
    }

    [Fact]
    public async Task A_cancelled_list_stops()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in client.ListAsync("credential_types/", cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public async Task A_cancelled_connect_is_cancelled_not_unreachable()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            AapClient.ConnectAsync(Clients.TokenOptions(gateway.BaseUri), new CancellationToken(canceled: true)));
    }
}
