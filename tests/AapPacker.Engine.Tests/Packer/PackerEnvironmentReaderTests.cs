using System.Text;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Packer;

public class PackerEnvironmentReaderTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static PackerTarget Read(params (string Key, string? Value)[] pairs)
        => PackerEnvironmentReader.Read(pairs.ToDictionary(p => p.Key, p => p.Value));

    [Theory]
    [InlineData("<unknown>")]
    [InlineData("<no value>")]
    [InlineData("ERR_ID_NOT_IMPLEMENTED_BY_BUILDER")]
    [InlineData("ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER")]
    [InlineData("")]
    [InlineData("   ")]
    public void Given_a_placeholder_value_when_reading_then_it_counts_as_not_given(string placeholder)
    {
        var target = Read(("AAPPACKER_HOST", placeholder), ("AAPPACKER_USER", placeholder), ("AAPPACKER_PORT", placeholder),
            ("AAPPACKER_CONNTYPE", placeholder), ("AAPPACKER_SSHKEY_B64", placeholder), ("PACKER_RUN_UUID", placeholder));

        Assert.Null(target.Host);
        Assert.Null(target.User);
        Assert.Null(target.Port);
        Assert.Null(target.ConnectionType);
        Assert.Null(target.SshPrivateKey);
        Assert.Null(target.RunUuid);
    }

    [Fact]
    public void Given_the_recipe_variables_when_reading_then_every_value_is_typed()
    {
        var target = Read(("AAPPACKER_HOST", "10.0.0.5"), ("AAPPACKER_PORT", "2222"), ("AAPPACKER_USER", "ec2-user"),
            ("AAPPACKER_CONNTYPE", "SSH"), ("AAPPACKER_RUN_ID", "run-a"), ("PACKER_RUN_UUID", "run-b"),
            ("AAPPACKER_BUILD", "golden"), ("PACKER_BUILD_NAME", "amazon-ebs.base"), ("PACKER_BUILDER_TYPE", "amazon-ebs"));

        Assert.Equal("10.0.0.5", target.Host);
        Assert.Equal(2222, target.Port);
        Assert.Equal("ec2-user", target.User);
        Assert.Equal("ssh", target.ConnectionType);
        Assert.Equal("run-a", target.RunUuid);
        Assert.Equal("golden", target.BuildName);
        Assert.Equal("amazon-ebs", target.BuilderType);
    }

    [Fact]
    public void Given_only_packer_variables_when_reading_then_they_fill_the_build_identity()
    {
        var target = Read(("PACKER_RUN_UUID", "0f8e0a52-7a8f-4b57-a1f5-0a2b1a2f9c11"), ("PACKER_BUILD_NAME", "local"));

        Assert.Equal("0f8e0a52-7a8f-4b57-a1f5-0a2b1a2f9c11", target.RunUuid);
        Assert.Equal("local", target.BuildName);
    }

    [Fact]
    public void Given_base64_secrets_when_reading_then_they_are_decoded_and_redacted()
    {
        var target = Read(("AAPPACKER_PASSWORD_B64", B64("s3cr3t-P@ss")), ("AAPPACKER_SSHKEY_B64", B64("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n")));

        Assert.Equal("s3cr3t-P@ss", target.Password!.Reveal());
        Assert.StartsWith("-----BEGIN OPENSSH", target.SshPrivateKey!.Reveal());
        Assert.Equal("***", target.Password.ToString());
        Assert.DoesNotContain("s3cr3t", target.ToString());
        Assert.DoesNotContain("OPENSSH", target.ToString());
    }

    [Fact]
    public void Given_base64_of_an_empty_string_when_reading_then_the_secret_is_not_given()
    {
        // Packer's base64encode(build.SSHPrivateKey) of an empty key is the empty string; of "<unknown>" it is a placeholder.
        Assert.Null(Read(("AAPPACKER_SSHKEY_B64", B64("<unknown>"))).SshPrivateKey);
        // A JSON template's {{ build `Password` }} of a key the builder never fills is "<no value>" (the JSON recipe).
        Assert.Null(Read(("AAPPACKER_PASSWORD_B64", B64("<no value>"))).Password);
        Assert.Null(Read(("AAPPACKER_PASSWORD_B64", B64(""))).Password);
    }

    [Fact]
    public void Given_invalid_base64_when_reading_then_a_configuration_error_names_the_variable_but_not_the_value()
    {
        var e = Assert.Throws<AapProvisioningException>(() => Read(("AAPPACKER_PASSWORD_B64", "not*base64!secretvalue")));

        Assert.Equal(AapProvisionExitCode.ConfigurationError, e.ExitCode);
        Assert.Equal("InvalidPackerBase64", e.ErrorId);
        Assert.Contains("AAPPACKER_PASSWORD_B64", e.Message);
        Assert.DoesNotContain("secretvalue", e.Message);
        Assert.Contains("base64encode", e.RecommendedAction);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("22x")]
    public void Given_a_bad_port_when_reading_then_the_error_names_the_variable(string port)
    {
        var e = Assert.Throws<AapProvisioningException>(() => Read(("AAPPACKER_PORT", port)));

        Assert.Equal("InvalidPackerPort", e.ErrorId);
        Assert.Contains("AAPPACKER_PORT", e.Message);
    }

    [Fact]
    public void Given_connection_type_none_when_reading_then_it_is_not_given_and_an_unknown_one_is_refused()
    {
        Assert.Null(Read(("AAPPACKER_CONNTYPE", "none")).ConnectionType);
        Assert.Equal("winrm", Read(("AAPPACKER_CONNTYPE", "WinRM")).ConnectionType);
        Assert.Equal("InvalidPackerConnectionType", Assert.Throws<AapProvisioningException>(() => Read(("AAPPACKER_CONNTYPE", "docker"))).ErrorId);
    }
}
