using System.Net;
using System.Net.Sockets;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// When nobody listens, the client gives up after the shorter unreachable budget instead of the full retry count
/// meant for proxies' bursts of 5xx and resets.
/// </summary>
public class UnreachableRetryTests
{
    private static Uri ClosedPortUri()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_only_the_unreachable_budget()
    {
        var log = new RecordingLog();
        var options = Clients.TokenOptions(ClosedPortUri(), log: log);
        options.Retry = new AapRetryOptions { MaxRetries = 8, MaxRetriesWhenUnreachable = 2, BaseDelay = TimeSpan.FromMilliseconds(1) };

        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));

        Assert.Equal(AapErrorKind.Unreachable, error.Kind);
        var retries = log.Messages("Verbose").Where(m => m.Contains("; retry ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, m => Assert.Contains("of 2 in", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_retry_answered_failures_longer_than_silence()
    {
        var retry = new AapRetryOptions();

        Assert.Equal(8, retry.MaxRetries);
        Assert.True(retry.MaxRetriesWhenUnreachable < retry.MaxRetries);
    }
}
