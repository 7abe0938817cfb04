using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>Bearer and Basic authentication, and how AAP's refusals surface.</summary>
public class AuthenticationTests(GatewaySimulatorFixture gateway, AwxSimulatorFixture awx)
    : IClassFixture<GatewaySimulatorFixture>, IClassFixture<AwxSimulatorFixture>
{
    private SimulatorFixture Fixture(string layout) => layout == "gateway" ? gateway : awx;

    [Theory]
    [InlineData("gateway")]
    [InlineData("awx")]
    public async Task Token_authenticates_as_its_user(string layout)
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(Fixture(layout).BaseUri));
        Assert.Equal("admin", client.Info.User);
        Assert.Equal("Token", client.Info.AuthenticationType);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("awx")]
    public async Task Basic_authenticates_as_its_user(string layout)
    {
        using var client = await Clients.ConnectAsync(Clients.BasicOptions(Fixture(layout).BaseUri, Secrets.ReaderUser, Secrets.ReaderPassword));
        Assert.Equal("reader", client.Info.User);
        Assert.Equal("Basic", client.Info.AuthenticationType);
        var requests = await Fixture(layout).Control.GetRequestsAsync();
        Assert.Contains(requests, r => r.Path.EndsWith("/me/", StringComparison.Ordinal) && r.Auth == "Basic" && r.Status == 200);
    }

    [Fact]
    public async Task Token_beats_basic_when_both_are_given()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.UserName = Secrets.NobodyUser;
        options.Password = Secrets.Secure("not-the-password");
        using var client = await Clients.ConnectAsync(options);
        Assert.Equal("admin", client.Info.User);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("awx")]
    public async Task An_invalid_token_is_unauthorized(string layout)
    {
        var log = new RecordingLog();
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(Clients.TokenOptions(Fixture(layout).BaseUri, "not-a-real-token-42", log)));

        Assert.Equal(AapErrorKind.Unauthorized, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("GET", error.Method);
        Assert.EndsWith("/me/", error.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token-42", error.Message + log.AllText);
    }

    [Fact]
    public async Task A_wrong_password_is_unauthorized_and_not_echoed()
    {
        var log = new RecordingLog();
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(Clients.BasicOptions(gateway.BaseUri, Secrets.AdminUser, "wrong-pass-77", log)));

        Assert.Equal(AapErrorKind.Unauthorized, error.Kind);
        Assert.Contains("Invalid username/password", error.AapMessage);
        Assert.DoesNotContain("wrong-pass-77", error.Message + log.AllText);
    }

    [Fact]
    public async Task No_credentials_names_what_to_set()
    {
        var options = Clients.TokenOptions(gateway.BaseUri);
        options.Token = null;
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));
        Assert.Equal(AapErrorKind.Unauthorized, error.Kind);
        Assert.Contains("AAP_TOKEN", error.Message);
    }

    [Fact]
    public async Task A_read_token_can_read_but_not_create()
    {
        using var client = await Clients.ConnectAsync(Clients.TokenOptions(gateway.BaseUri, Secrets.ReadToken));
        await client.GetAsync("organizations/", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "read-token-" + Guid.NewGuid().ToString("N"), organization = 1 }, CancellationToken.None));

        Assert.Equal(AapErrorKind.Forbidden, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/api/controller/v2/inventories/", error.Path);
        Assert.Contains("permission", error.AapMessage);
    }

    [Fact]
    public async Task A_user_without_rights_cannot_create()
    {
        using var client = await Clients.ConnectAsync(Clients.BasicOptions(awx.BaseUri, Secrets.NobodyUser, Secrets.NobodyPassword));
        var error = await Assert.ThrowsAsync<AapApiException>(() =>
            client.PostAsync("inventories/", new { name = "nobody-" + Guid.NewGuid().ToString("N"), organization = 1 }, CancellationToken.None));
        Assert.Equal(AapErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Secrets_never_reach_the_log_or_errors()
    {
        var log = new RecordingLog();
        var options = Clients.TokenOptions(gateway.BaseUri, log: log);
        using (var client = await Clients.ConnectAsync(options))
        {
            await client.GetAsync("me/", CancellationToken.None);
            await Assert.ThrowsAsync<AapApiException>(() => client.GetAsync("inventories/987654/", CancellationToken.None));
        }

        var basicLog = new RecordingLog();
        using (await Clients.ConnectAsync(Clients.BasicOptions(gateway.BaseUri, Secrets.AdminUser, Secrets.AdminPassword, basicLog)))
        {
        }

        var text = log.AllText + basicLog.AllText;
        Assert.NotEmpty(log.Messages("Debug"));
        Assert.DoesNotContain(Secrets.AdminToken, text);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:password")), text);
        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
    }
}
