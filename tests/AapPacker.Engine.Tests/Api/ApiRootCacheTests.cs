using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Provisioning.Guardian;
using AapPacker.Engine.Tests.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// Issue 11: the per-user cache of discovered API roots. A connection to a server already discovered sends no
/// <c>GET /api/</c>; a cached root the server no longer serves (404) is dropped and discovered again without the
/// caller noticing, also when <c>me/</c> is verified beside the first lookups; a corrupt file is rewritten.
/// Each test has a cache file of its own.
/// </summary>
public sealed class ApiRootCacheTests(GatewaySimulatorFixture gateway, AwxSimulatorFixture awx)
    : IClassFixture<GatewaySimulatorFixture>, IClassFixture<AwxSimulatorFixture>, IDisposable
{
    private const int HeldMs = 300;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aappacker-api-roots-" + Guid.NewGuid().ToString("N"));

    private string CacheFile => Path.Combine(_directory, "cache", "api-roots.json");

    private SimulatorFixture Fixture(string layout) => layout == "gateway" ? gateway : awx;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("gateway", "AAP gateway")]
    [InlineData("awx", "AWX")]
    public async Task A_second_connection_to_the_same_server_sends_no_discovery_and_works(string layout, string flavor)
    {
        var fixture = Fixture(layout);
        await fixture.ResetAsync();
        using (var first = await Clients.ConnectAsync(Options(fixture)))
        {
            Assert.Equal(fixture.ExpectedApiRoot, first.Info.ApiRoot);
        }

        Assert.Contains(await fixture.Control.GetRequestsAsync(), r => r.Path == "/api/");
        Assert.Equal(fixture.ExpectedApiRoot, CachedRoot(fixture));
        await fixture.Control.ClearRequestsAsync();
        var log = new RecordingLog();

        using var second = await Clients.ConnectAsync(Options(fixture, log));
        var organizations = await second.GetAsync("organizations/", CancellationToken.None);

        Assert.Equal(fixture.ExpectedApiRoot, second.Info.ApiRoot);
        Assert.Equal(flavor, second.Info.Flavor);
        Assert.Equal("admin", second.Info.User);
        Assert.True(organizations.GetProperty("count").GetInt32() >= 2);
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.DoesNotContain(requests, r => r.Path == "/api/" || r.Path == "/api/controller/");
        Assert.Contains(requests, r => r.Path == fixture.ExpectedApiRoot + "me/" && r.Status == 200);
        Assert.Contains(log.Messages("Verbose"), m => m.Contains("cached", StringComparison.Ordinal) && m.Contains(fixture.ExpectedApiRoot, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("awx", "/api/controller/v2/", "AAP gateway")]
    [InlineData("gateway", "/api/v2/", "AWX")]
    public async Task A_stale_cached_root_is_dropped_rediscovered_and_rewritten_and_the_connection_works(string layout, string staleRoot, string staleFlavor)
    {
        var fixture = Fixture(layout);
        await fixture.ResetAsync();
        WriteEntry(fixture, staleRoot, staleFlavor, DateTimeOffset.UtcNow);
        var log = new RecordingLog();

        using var client = await Clients.ConnectAsync(Options(fixture, log));
        var organizations = await client.GetAsync("organizations/", CancellationToken.None);

        Assert.Equal(fixture.ExpectedApiRoot, client.Info.ApiRoot);
        Assert.Equal(layout == "gateway" ? "AAP gateway" : "AWX", client.Info.Flavor);
        Assert.True(organizations.GetProperty("count").GetInt32() >= 2);
        var requests = await fixture.Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Path == staleRoot + "me/" && r.Status == 404);
        Assert.Contains(requests, r => r.Path == "/api/");
        Assert.Equal(fixture.ExpectedApiRoot, CachedRoot(fixture));
        Assert.Contains(log.Messages("Verbose"), m => m.Contains("dropped", StringComparison.Ordinal) && m.Contains(staleRoot, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_cached_root_under_verify_alongside_sends_the_lookups_again_and_nothing_that_changes_AAP_before_the_credentials_are_verified()
    {
        // An AWX that became an AAP 2.5 gateway: the cached /api/v2/ answers 404. me/ is held, so the build's first
        // lookups go out to the stale root before it answers.
        await gateway.ResetAsync();
        await gateway.Control.AddFaultsAsync(new FaultSpec("GET", "/me/$", "latency") { LatencyMs = HeldMs });
        WriteEntry(gateway, "/api/v2/", "AWX", DateTimeOffset.UtcNow);
        using var client = await AapClient.ConnectAsync(Options(gateway), verifyAlongside: true, CancellationToken.None);

        var outcome = await new ProvisioningSession(new AapClientApi(client)).RunAsync(LifecycleHarness.Request("Baseline"), CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        Assert.True(outcome.Cleanup!.Complete, outcome.Cleanup.ToString());
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(gateway));
        Assert.Equal("/api/controller/v2/", client.Info.ApiRoot);
        var requests = await gateway.Control.GetRequestsAsync();
        var verified = requests.Single(r => r.Path == "/api/controller/v2/me/" && r.Status == 200 && r.Auth == "Bearer");
        var stale = requests.Where(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal)).ToList();
        Assert.Contains(stale, r => r.Path == "/api/v2/me/" && r.Status == 404);
        Assert.Contains(stale, r => r.Path != "/api/v2/me/");
        Assert.All(stale, r => Assert.Equal("GET", r.Method));
        foreach (var lookup in stale.Where(r => r.Path != "/api/v2/me/"))
        {
            // Each read that went to the stale root was sent again to the rediscovered one.
            Assert.Contains(requests, r => r.Method == "GET" && r.Path == "/api/controller/v2/" + lookup.Path["/api/v2/".Length..] && r.Status == 200);
        }

        Assert.All(requests.Where(r => r.Method != "GET"), r => Assert.True(r.Started >= verified.At,
            $"{r.Method} {r.Path} was sent at {r.Started:HH:mm:ss.fff}, before me/ was verified at {verified.At:HH:mm:ss.fff}"));
        Assert.Equal("/api/controller/v2/", CachedRoot(gateway));
    }

    [Fact]
    public async Task A_stale_cached_root_with_a_bad_token_is_still_the_verification_failure()
    {
        await awx.ResetAsync();
        WriteEntry(awx, "/api/controller/v2/", "AAP gateway", DateTimeOffset.UtcNow);
        using var client = await AapClient.ConnectAsync(Options(awx, token: "not-a-valid-token"), verifyAlongside: true, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AapApiException>(() => client.Verified);

        Assert.Equal(AapErrorKind.Unauthorized, error.Kind);
        Assert.Equal("/api/v2/me/", error.Path);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"version\": 1, \"servers\": {\"x\": 5}}")]
    [InlineData("")]
    public async Task A_corrupt_cache_file_is_ignored_and_rewritten(string content)
    {
        await awx.ResetAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        await File.WriteAllTextAsync(CacheFile, content);

        using var client = await Clients.ConnectAsync(Options(awx));

        Assert.Equal("/api/v2/", client.Info.ApiRoot);
        Assert.Contains(await awx.Control.GetRequestsAsync(), r => r.Path == "/api/");
        Assert.Equal("/api/v2/", CachedRoot(awx));
    }

    [Fact]
    public async Task A_root_from_an_entry_that_is_not_an_api_path_is_not_used()
    {
        await awx.ResetAsync();
        WriteEntry(awx, "https://elsewhere.invalid/api/v2/", "AWX", DateTimeOffset.UtcNow);

        using var client = await Clients.ConnectAsync(Options(awx));

        Assert.Equal("/api/v2/", client.Info.ApiRoot);
        Assert.Contains(await awx.Control.GetRequestsAsync(), r => r.Path == "/api/");
    }

    [Fact]
    public async Task An_expired_entry_is_discovered_again()
    {
        await awx.ResetAsync();
        WriteEntry(awx, "/api/v2/", "AWX", DateTimeOffset.UtcNow - ApiRootCache.Lifetime - TimeSpan.FromHours(1));

        using var client = await Clients.ConnectAsync(Options(awx));

        Assert.Contains(await awx.Control.GetRequestsAsync(), r => r.Path == "/api/");
        var written = DateTimeOffset.Parse(Entry(awx).GetProperty("writtenAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.UtcNow - written < TimeSpan.FromMinutes(5), "the entry was rewritten");
    }

    [Fact]
    public async Task The_cache_holds_no_secret_and_no_user_name()
    {
        await gateway.ResetAsync();
        var basic = Clients.BasicOptions(gateway.BaseUri, Secrets.AdminUser, Secrets.AdminPassword);
        basic.ApiRootCacheFile = CacheFile;
        using (await Clients.ConnectAsync(basic))
        {
        }

        var afterBasic = await File.ReadAllTextAsync(CacheFile);
        File.Delete(CacheFile);
        using (await Clients.ConnectAsync(Options(gateway)))
        {
        }

        var afterToken = await File.ReadAllTextAsync(CacheFile);
        foreach (var text in new[] { afterBasic, afterToken })
        {
            Assert.Contains("/api/controller/v2/", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secrets.AdminToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secrets.AdminPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"" + Secrets.AdminUser + "\"", text, StringComparison.Ordinal);
        }
        Assert.False(Directory.EnumerateFiles(Path.GetDirectoryName(CacheFile)!, "*.tmp").Any(), "no temporary file is left");
    }

    [Fact]
    public async Task Builds_writing_at_once_leave_a_readable_cache()
    {
        await awx.ResetAsync();
        var cache = new ApiRootCache(CacheFile, TimeProvider.System);
        var found = new DiscoveredApi("/api/v2/", ApiDiscovery.Awx, null);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => cache.Store("http://127.0.0.1:" + (10000 + i), found))));

        // Writers race (the last rename wins, a cache may lose an entry): the file holds at least the last one's.
        Assert.Contains(Enumerable.Range(0, 16), i => cache.TryGet("http://127.0.0.1:" + (10000 + i)) != null);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(CacheFile));
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        Assert.False(Directory.EnumerateFiles(Path.GetDirectoryName(CacheFile)!, "*.tmp").Any(), "no temporary file is left");
    }

    [Fact]
    public async Task AAPPACKER_NO_API_ROOT_CACHE_turns_the_cache_off_and_api_is_requested()
    {
        await awx.ResetAsync();
        WriteEntry(awx, "/api/v2/", "AWX", DateTimeOffset.UtcNow);
        var environment = new Dictionary<string, string?> { ["AAP_HOSTNAME"] = awx.BaseUri.ToString(), ["AAP_TOKEN"] = Secrets.AdminToken };
        var on = AapSettingsResolver.Resolve(new AapSettingsInput(), environment).Options;
        environment[ApiRootCache.DisableVariable] = "1";
        var resolution = AapSettingsResolver.Resolve(new AapSettingsInput(), environment);
        var options = resolution.Options;
        options.Retry = Clients.FastRetry();

        using var client = await Clients.ConnectAsync(options);

        Assert.Equal(ApiRootCache.DefaultFile(), on.ApiRootCacheFile);
        Assert.Null(options.ApiRootCacheFile);
        Assert.Contains("ApiRootCache=off (AAPPACKER_NO_API_ROOT_CACHE)", resolution.Sources);
        Assert.Contains(await awx.Control.GetRequestsAsync(), r => r.Path == "/api/");
    }

    [Fact]
    public async Task An_explicit_version_root_neither_reads_nor_writes_the_cache()
    {
        await awx.ResetAsync();
        var options = Options(awx);
        options.ApiPrefixOverride = "/api/v2/";

        using var client = await Clients.ConnectAsync(options);

        Assert.Equal("/api/v2/", client.Info.ApiRoot);
        Assert.DoesNotContain(await awx.Control.GetRequestsAsync(), r => r.Path == "/api/");
        Assert.False(File.Exists(CacheFile));
    }

    [Fact]
    public void The_guardian_uses_the_build_s_cache()
    {
        var options = Options(awx);

        var connection = GuardianConnection.From(options);
        var roundTrip = JsonSerializer.Deserialize<GuardianConnection>(JsonSerializer.Serialize(connection))!;

        Assert.Equal(CacheFile, roundTrip.ToOptions().ApiRootCacheFile);
    }

    private AapClientOptions Options(SimulatorFixture fixture, RecordingLog? log = null, string token = Secrets.AdminToken)
    {
        var options = Clients.TokenOptions(fixture.BaseUri, token, log);
        options.ApiRootCacheFile = CacheFile;
        return options;
    }

    private static string Key(SimulatorFixture fixture) => ApiRootCache.Key(fixture.BaseUri, null);

    private void WriteEntry(SimulatorFixture fixture, string apiRoot, string flavor, DateTimeOffset writtenAt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        var document = new Dictionary<string, object>
        {
            ["version"] = 1,
            ["servers"] = new Dictionary<string, object>
            {
                [Key(fixture)] = new Dictionary<string, string> { ["apiRoot"] = apiRoot, ["flavor"] = flavor, ["writtenAt"] = writtenAt.ToString("o") },
            },
        };
        File.WriteAllText(CacheFile, JsonSerializer.Serialize(document));
    }

    private JsonElement Entry(SimulatorFixture fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(CacheFile));
        return document.RootElement.GetProperty("servers").GetProperty(Key(fixture)).Clone();
    }

    private string? CachedRoot(SimulatorFixture fixture) => Entry(fixture).GetProperty("apiRoot").GetString();
}
