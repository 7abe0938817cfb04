using System.Text;
using System.Text.Json;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>
/// WinRM cannot run here (no Windows target), so what AapPacker registers for one is pinned instead: the host
/// variables ansible's winrm connection reads and the Machine credential built from Packer's build.Password
/// (the WinRM password; build.WinRMPassword is the same value).
/// </summary>
public sealed class WinRmTargetTests(GatewaySimulatorFixture fixture) : IClassFixture<GatewaySimulatorFixture>
{
    private const string WinRmPassword = "Win-Pa55w0rd-$HOME-'q'";

    [Theory]
    [InlineData(5985, "http")]
    [InlineData(5986, "https")]
    [InlineData(15986, "https")]
    public void Given_a_winrm_port_without_a_scheme_when_building_then_the_scheme_follows_the_listener(int port, string scheme)
    {
        var vars = HostVariablesBuilder.Build(new HostTarget { Address = "win", ConnectionType = "winrm", Port = port });

        Assert.Equal(port, vars.Values["ansible_port"]);
        Assert.Equal(scheme, vars.Values["ansible_winrm_scheme"]);
    }

    [Fact]
    public void Given_port_5985_with_an_explicit_https_scheme_when_building_then_the_given_scheme_wins()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget { Address = "win", ConnectionType = "winrm", Port = 5985, WinRmScheme = "HTTPS" });

        Assert.Equal("https", vars.Values["ansible_winrm_scheme"]);
    }

    [Fact]
    public void Given_a_winrm_host_variable_that_contradicts_a_setting_when_building_then_it_is_refused_naming_the_parameter()
    {
        var e = Assert.Throws<AapProvisioningException>(() => HostVariablesBuilder.Build(new HostTarget
        {
            Address = "win",
            ConnectionType = "winrm",
            Variables = new Dictionary<string, object?> { ["ansible_winrm_server_cert_validation"] = "ignore" },
        }));

        Assert.Equal("ConflictingHostVariable", e.ErrorId);
        Assert.Contains(Fields.WinRmServerCertValidation, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_winrm_user_variable_when_building_then_it_is_kept_beside_the_derived_ones()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget
        {
            Address = "win",
            ConnectionType = "winrm",
            Variables = new Dictionary<string, object?> { ["ansible_winrm_operation_timeout_sec"] = 60, ["ansible_shell_type"] = "powershell" },
        });

        Assert.Equal(60, Convert.ToInt32(vars.Values["ansible_winrm_operation_timeout_sec"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("powershell", vars.Values["ansible_shell_type"]);
    }

    [Fact]
    public void Given_the_packer_winrm_environment_when_reading_then_the_password_is_the_decoded_build_password()
    {
        var target = PackerEnvironmentReader.Read(new Dictionary<string, string?>
        {
            ["AAPPACKER_HOST"] = "10.0.0.9",
            ["AAPPACKER_PORT"] = "5985",
            ["AAPPACKER_USER"] = "Administrator",
            ["AAPPACKER_CONNTYPE"] = "winrm",
            ["AAPPACKER_PASSWORD_B64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(WinRmPassword)),
            ["AAPPACKER_SSHKEY_B64"] = "",
        });

        Assert.Equal("winrm", target.ConnectionType);
        Assert.Equal(5985, target.Port);
        Assert.Equal(WinRmPassword, target.Password!.Reveal());
        Assert.Null(target.SshPrivateKey);
        Assert.DoesNotContain(WinRmPassword, target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_packer_winrm_build_when_provisioning_then_aap_gets_winrm_host_variables_and_a_password_machine_credential()
    {
        await fixture.ResetAsync();
        var (client, api) = await LifecycleHarness.ConnectAsync(fixture);
        using var connection = client;
        var recording = new RecordingApi(api);
        var request = LifecycleHarness.Request("Baseline");
        request.Target.Host = null;
        request.Target.User = null;
        request.Credential.SshPrivateKey = null;
        request.Packer = new PackerTarget
        {
            Host = "10.0.0.9",
            Port = 5985,
            User = "Administrator",
            ConnectionType = "winrm",
            Password = SecretText.FromPlainText(WinRmPassword),
            RunUuid = "6c1b8a52-7a8f-4b57-a1f5-0a2b1a2f9c11",
            BuildName = "windows-2022",
            BuilderType = "azure-arm",
        };
        var reporter = new RecordingReporter();

        var outcome = await new ProvisioningSession(recording, reporter).RunAsync(request, CancellationToken.None);

        Assert.True(outcome.ExitCode == AapProvisionExitCode.Success, outcome.Error?.ToString());
        var host = recording.PostedTo("/hosts/");
        Assert.Equal("10.0.0.9", Variables(host).GetProperty("ansible_host").GetString());
        var vars = Variables(host);
        Assert.Equal("winrm", vars.GetProperty("ansible_connection").GetString());
        Assert.Equal(5985, vars.GetProperty("ansible_port").GetInt32());
        Assert.Equal("http", vars.GetProperty("ansible_winrm_scheme").GetString());
        Assert.Equal("ntlm", vars.GetProperty("ansible_winrm_transport").GetString());
        Assert.Equal("validate", vars.GetProperty("ansible_winrm_server_cert_validation").GetString());
        Assert.Equal("Administrator", vars.GetProperty("ansible_user").GetString());
        Assert.DoesNotContain(WinRmPassword, host.GetRawText(), StringComparison.Ordinal);

        var inputs = recording.PostedTo("credentials/").GetProperty("inputs");
        Assert.Equal("Administrator", inputs.GetProperty("username").GetString());
        Assert.Equal(WinRmPassword, inputs.GetProperty("password").GetString());
        Assert.False(inputs.TryGetProperty("ssh_key_data", out _));

        Assert.DoesNotContain(reporter.Everything, line => line.Contains(WinRmPassword, StringComparison.Ordinal));
        Assert.Equal(0, await LifecycleHarness.UserObjectsAsync(fixture));
    }

    private static JsonElement Variables(JsonElement hostBody)
    {
        var text = hostBody.GetProperty("variables").GetString()!;
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
