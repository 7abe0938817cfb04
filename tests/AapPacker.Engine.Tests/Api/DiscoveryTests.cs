using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>The client finds the controller API root on both layouts, or takes it from an explicit prefix.</summary>
public class DiscoveryTests(GatewaySimulatorFixture gateway, AwxSimulatorFixture awx)
    : IClassFixture<GatewaySimulatorFixture>, IClassFixture<AwxSimulatorFixture>
{
    private SimulatorFixture Fixture(string layout) => layout == "gateway" ? gateway : awx;

    [Fact]
    public async Task Gateway_layout_follows_apis_controller_to_the_controller_root()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri));

        Assert.Equal("/api/controller/v2/", client.Info.ApiRoot);
        Assert.Equal("AAP gateway", client.Info.Flavor);
        Assert.Equal("admin", client.Info.User);
        Assert.True(client.Info.UserId > 0);
        Assert.False(string.IsNullOrEmpty(client.Info.Version));
        Assert.Equal("Token", client.Info.AuthenticationType);
        Assert.Equal(new Uri(gateway.BaseUri.GetLeftPart(UriPartial.Authority) + "/"), client.Info.Uri);
    }

    [Fact]
    public async Task Awx_layout_takes_current_version_from_api_root()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(awx.BaseUri));

        Assert.Equal("/api/v2/", client.Info.ApiRoot);
        Assert.Equal("AWX", client.Info.Flavor);
        Assert.Equal("admin", client.Info.User);
        Assert.False(string.IsNullOrEmpty(client.Info.Version));
    }

    [Theory]
    [InlineData("gateway", "/api/controller/", "/api/controller/v2/")]
    [InlineData("gateway", "/api/controller/v2/", "/api/controller/v2/")]
    [InlineData("gateway", "api/controller", "/api/controller/v2/")]
    [InlineData("awx", "/api/", "/api/v2/")]
    [InlineData("awx", "/api/v2/", "/api/v2/")]
    public async Task An_explicit_prefix_gives_the_root(string layout, string prefix, string expectedRoot)
    {
        var options = Clients.TokenOptions(Fixture(layout).BaseUri);
        options.ApiPrefixOverride = prefix;
        using var client = await Clients.ConnectAsync(options);

        Assert.Equal(expectedRoot, client.Info.ApiRoot);
        var organizations = await client.GetAsync("organizations/", CancellationToken.None);
        Assert.True(organizations.GetProperty("count").GetInt32() >= 2);
    }

    [Fact]
    public async Task A_wrong_prefix_is_a_clear_error()
    {
        var options = Clients.TokenOptions(awx.BaseUri);
        options.ApiPrefixOverride = "/api/controller/";
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));
        Assert.Equal(AapErrorKind.NotFound, error.Kind);
        Assert.Equal("/api/controller/", error.Path);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("awx")]
    public async Task Discovery_is_anonymous_and_only_me_carries_credentials(string layout)
    {
        var fixture = Fixture(layout);
        var log = new RecordingLog();
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri, log: log));

        var requests = await fixture.Control.GetRequestsAsync();
        var mine = requests.Where(r => r.Path == "/api/" || r.Path == "/api/controller/" || r.Path == fixture.ExpectedApiRoot + "me/").ToList();
        Assert.Contains(mine, r => r.Path == "/api/" && r.Auth == "none");
        Assert.Contains(mine, r => r.Path == fixture.ExpectedApiRoot + "me/" && r.Auth == "Bearer");
        Assert.DoesNotContain(mine, r => r.Path != fixture.ExpectedApiRoot + "me/" && r.Auth != "none");
        Assert.Contains(log.Messages("Verbose"), m => m.Contains(fixture.ExpectedApiRoot, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("awx")]
    public async Task Relative_paths_join_the_root_and_get_their_slash(string layout)
    {
        var fixture = Fixture(layout);
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));

        var result = await client.GetAsync("organizations?name=Default", CancellationToken.None);

        Assert.Equal(1, result.GetProperty("count").GetInt32());
        Assert.Equal(fixture.ExpectedApiRoot + "organizations/?name=Default", client.ToRequestPath("organizations?name=Default"));
    }

    [Fact]
    public async Task A_server_without_an_api_is_not_found()
    {
        // The control endpoint answers JSON at /_sim/state but nothing like an AAP API lives under /_sim/.
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.ApiPrefixOverride = "/nothing-here/";
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));
        Assert.Equal(AapErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("gateway", "status", 404)]
    [InlineData("awx", "status", 404)]
    [InlineData("gateway", "html", 200)]
    [InlineData("awx", "html", 200)]
    public async Task When_api_root_is_unusable_the_version_roots_are_probed(string layout, string kind, int status)
    {
        var fixture = Fixture(layout);
        await fixture.ResetAsync();
        try
        {
            await fixture.Control.AddFaultsAsync(new FaultSpec("GET", "^/api/$", kind) { Status = status });
            using var client = await Clients.ConnectAsync(Clients.TokenOptions(fixture.BaseUri));

            Assert.Equal(fixture.ExpectedApiRoot, client.Info.ApiRoot);
            Assert.Equal(layout == "gateway" ? "AAP gateway" : "AWX", client.Info.Flavor);
            Assert.Contains(await fixture.Control.GetRequestsAsync(), r => r.Path.EndsWith("/ping/", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.ResetAsync();
        }
    }
}
