using System.Text.Json;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

public class HostVariablesBuilderTests
{
    [Fact]
    public void Given_an_ssh_target_when_building_then_host_port_user_and_connection_are_set()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget { Address = "10.0.0.5", User = "ec2-user" });

        Assert.Equal("10.0.0.5", vars.Values["ansible_host"]);
        Assert.Equal(22, vars.Values["ansible_port"]);
        Assert.Equal("ec2-user", vars.Values["ansible_user"]);
        Assert.Equal("ssh", vars.Values["ansible_connection"]);
        Assert.DoesNotContain(vars.Values.Keys, k => k.StartsWith("ansible_winrm_", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_winrm_target_with_defaults_when_building_then_https_5986_ntlm_and_validation_are_used()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget { Address = "win.example", User = "Administrator", ConnectionType = "WinRM" });

        Assert.Equal("winrm", vars.Values["ansible_connection"]);
        Assert.Equal(5986, vars.Values["ansible_port"]);
        Assert.Equal("ntlm", vars.Values["ansible_winrm_transport"]);
        Assert.Equal("https", vars.Values["ansible_winrm_scheme"]);
        Assert.Equal("validate", vars.Values["ansible_winrm_server_cert_validation"]);
        Assert.Equal("Administrator", vars.Values["ansible_user"]);
    }

    [Fact]
    public void Given_winrm_over_http_when_building_then_the_port_defaults_to_5985_and_settings_are_honoured()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget
        {
            Address = "win",
            ConnectionType = "winrm",
            WinRmScheme = "http",
            WinRmTransport = "kerberos",
            WinRmServerCertValidation = "ignore",
        });

        Assert.Equal(5985, vars.Values["ansible_port"]);
        Assert.Equal("kerberos", vars.Values["ansible_winrm_transport"]);
        Assert.Equal("ignore", vars.Values["ansible_winrm_server_cert_validation"]);
    }

    [Fact]
    public void Given_an_explicit_port_when_building_then_it_wins_over_the_default()
    {
        Assert.Equal(2222, HostVariablesBuilder.Build(new HostTarget { Address = "h", Port = 2222 }).Values["ansible_port"]);
    }

    [Fact]
    public void Given_user_variables_when_building_then_they_are_merged_and_serialised_as_a_json_string()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget
        {
            Address = "h",
            Variables = new Dictionary<string, object?> { ["role"] = "web", ["ansible_python_interpreter"] = "/usr/bin/python3", ["tags"] = new[] { "a", "b" } },
        });

        using var json = JsonDocument.Parse(vars.Json);
        Assert.Equal("web", json.RootElement.GetProperty("role").GetString());
        Assert.Equal("/usr/bin/python3", json.RootElement.GetProperty("ansible_python_interpreter").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("tags").GetArrayLength());
        Assert.Equal("h", json.RootElement.GetProperty("ansible_host").GetString());
    }

    [Fact]
    public void Given_a_user_variable_that_contradicts_a_parameter_when_building_then_the_error_names_the_parameter()
    {
        var e = Assert.Throws<AapProvisioningException>(() => HostVariablesBuilder.Build(new HostTarget
        {
            Address = "h",
            Port = 22,
            Variables = new Dictionary<string, object?> { ["ansible_port"] = 2200 },
        }));

        Assert.Equal("ConflictingHostVariable", e.ErrorId);
        Assert.Contains(Fields.TargetPort, e.RecommendedAction);
    }

    [Fact]
    public void Given_a_user_variable_equal_to_the_parameter_when_building_then_it_is_accepted()
    {
        var vars = HostVariablesBuilder.Build(new HostTarget { Address = "h", Variables = new Dictionary<string, object?> { ["ansible_port"] = "22" } });

        Assert.Equal(22, vars.Values["ansible_port"]);
    }

    [Theory]
    [InlineData("ansible_password")]
    [InlineData("ansible_ssh_pass")]
    [InlineData("ansible_become_pass")]
    [InlineData("ansible_become_password")]
    [InlineData("ANSIBLE_WINRM_PASSWORD")]
    public void Given_a_secret_host_variable_when_building_then_it_is_refused_and_points_to_the_credential(string key)
    {
        var e = Assert.Throws<AapProvisioningException>(() => HostVariablesBuilder.Build(new HostTarget
        {
            Address = "h",
            Variables = new Dictionary<string, object?> { [key] = "hunter2" },
        }));

        Assert.Equal(AapProvisionExitCode.ConfigurationError, e.ExitCode);
        Assert.Equal("SecretInVariables", e.ErrorId);
        Assert.Contains("credential", e.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void Given_private_key_text_in_a_nested_variable_when_building_then_it_is_refused()
    {
        var e = Assert.Throws<AapProvisioningException>(() => HostVariablesBuilder.Build(new HostTarget
        {
            Address = "h",
            Variables = new Dictionary<string, object?> { ["deploy"] = new Dictionary<string, object?> { ["key"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nx" } },
        }));

        Assert.Equal("SecretInVariables", e.ErrorId);
    }

    [Theory]
    [InlineData("", "ssh")]
    [InlineData("two words", "ssh")]
    [InlineData("h", "docker")]
    public void Given_bad_target_input_when_building_then_a_configuration_error_is_raised(string address, string connection)
    {
        Assert.Equal(AapProvisionExitCode.ConfigurationError,
            Assert.Throws<AapProvisioningException>(() => HostVariablesBuilder.Build(new HostTarget { Address = address, ConnectionType = connection })).ExitCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("169.254.10.20", true)]
    [InlineData("fe80::1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("build-vm.example.com", false)]
    public void Given_a_target_address_when_checking_reachability_then_loopback_and_link_local_warn(string address, bool warns)
    {
        Assert.Equal(warns, TargetAddress.ReachabilityWarning(address) != null);
    }
}
