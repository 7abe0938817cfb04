using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>Connects to a fixture's simulator and builds requests with fast polling, for the lifecycle integration tests.</summary>
internal static class LifecycleHarness
{
    /// <summary>The catalogue's key, so the run's secret scan looks for it in everything the lifecycle tests capture.</summary>
    public static readonly string PrivateKeyPem = TestSecretCatalog.PrivateKey;

    public static async Task<(AapClient Client, IAapApi Api)> ConnectAsync(SimulatorFixture fixture)
    {
        var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));
        return (client, new AapClientApi(client));
    }

    /// <summary>A request for the seeded <c>Default</c> org, an SSH target with a key, fast polling and cleanup.</summary>
    public static ProvisioningRequest Request(string template, string? buildId = null) => new()
    {
        JobTemplate = template,
        Organization = "Default",
        Target = new ProvisioningTarget { Host = "10.0.0.5", User = "ec2-user" },
        Credential = new ProvisioningCredential { SshPrivateKey = SecretText.FromPlainText(PrivateKeyPem) },
        BuildId = buildId ?? "test-" + Guid.NewGuid().ToString("N")[..8],
        LedgerDirectory = "",
        Follow = Fast(),
        Cleanup = new BuildCleanupOptions
        {
            Timeout = TimeSpan.FromSeconds(60),
            JobWait = TimeSpan.FromSeconds(30),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
            InventoryGoneWait = TimeSpan.FromSeconds(30),
        },
    };

    public static JobFollowOptions Fast() => new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(30),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
        EventProcessingGrace = TimeSpan.FromSeconds(10),
        GapTimeout = TimeSpan.FromSeconds(2),
        CancelWait = TimeSpan.FromSeconds(20),
    };

    public static async Task<int> UserObjectsAsync(SimulatorFixture fixture)
        => (await fixture.Control.GetStateAsync()).GetProperty("userObjects").GetInt32();

    public static async Task<List<JsonElement>> LaunchesAsync(SimulatorFixture fixture)
        => (await fixture.Control.GetStateAsync()).GetProperty("launches").EnumerateArray().Select(e => e.Clone()).ToList();

    public static async Task<string> JobStatusAsync(SimulatorFixture fixture, int jobId, string collection = "jobs")
    {
        var state = await fixture.Control.GetStateAsync();
        return state.GetProperty(collection).EnumerateArray().Single(j => j.GetProperty("id").GetInt32() == jobId).GetProperty("status").GetString()!;
    }
}
