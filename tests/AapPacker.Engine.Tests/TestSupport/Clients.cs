using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>Builds client options for a simulator: fast retries so tests never wait on real backoff.</summary>
internal static class Clients
{
    public static AapClientOptions TokenOptions(Uri baseUri, string token = Secrets.AdminToken, IAapLog? log = null) => new()
    {
        BaseUri = baseUri,
        Token = Secrets.Secure(token),
        Retry = FastRetry(),
        RequestTimeout = TimeSpan.FromSeconds(20),
        Log = log ?? new RecordingLog(),
    };

    public static AapClientOptions BasicOptions(Uri baseUri, string user, string password, IAapLog? log = null) => new()
    {
        BaseUri = baseUri,
        UserName = user,
        Password = Secrets.Secure(password),
        Retry = FastRetry(),
        RequestTimeout = TimeSpan.FromSeconds(20),
        Log = log ?? new RecordingLog(),
    };

    /// <summary>Five retries 1 ms apart (jittered, capped at 20 ms): retries are exercised without waiting.</summary>
    public static AapRetryOptions FastRetry(int maxRetries = 5) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(20),
    };

    public static Task<AapClient> ConnectAsync(AapClientOptions options) => AapClient.ConnectAsync(options, CancellationToken.None);
}
