using System.Net;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// Credentials never travel over plain http to another machine unless the user says so; loopback is fine.
/// The simulator doubles as an HTTP proxy here (Kestrel accepts absolute-form request targets), which proves
/// that an allowed request really is sent, and that the proxy setting is used.
/// </summary>
public class TransportGuardTests(AwxSimulatorFixture awx) : IClassFixture<AwxSimulatorFixture>
{
    private static readonly Uri Remote = new("http://aap.example.test/");

    [Fact]
    public async Task A_token_over_http_to_a_remote_host_is_refused_before_sending()
    {
        var options = Clients.TokenOptions(Remote);
        options.Proxy = new WebProxy(awx.BaseUri);
        await awx.Control.ClearRequestsAsync();

        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));

        Assert.Equal(AapErrorKind.Refused, error.Kind);
        Assert.Contains("-AllowUnencryptedAuthentication", error.Message);
        Assert.DoesNotContain(await awx.Control.GetRequestsAsync(), r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_over_http_to_a_remote_host_is_refused()
    {
        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            Clients.ConnectAsync(Clients.BasicOptions(Remote, Secrets.AdminUser, Secrets.AdminPassword)));
        Assert.Equal(AapErrorKind.Refused, error.Kind);
    }

    [Fact]
    public async Task Allowing_unencrypted_authentication_sends_through_the_proxy()
    {
        var options = Clients.TokenOptions(Remote);
        options.AllowUnencryptedAuthentication = true;
        options.Proxy = new WebProxy(awx.BaseUri);

        using var client = await Clients.ConnectAsync(options);

        Assert.Equal("admin", client.Info.User);
        Assert.Equal("aap.example.test", client.Info.Uri.Host);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loopback_over_http_is_allowed(string host)
    {
        var options = Clients.TokenOptions(new UriBuilder(awx.BaseUri) { Host = host }.Uri);
        using var client = await Clients.ConnectAsync(options);
        Assert.Equal("admin", client.Info.User);
    }
}
