using System.Runtime.InteropServices;
using System.Security;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>Explicit settings beat AAP_*, which beat CONTROLLER_*, which beat TOWER_* (packer-and-ci.md §5).</summary>
public class AapSettingsResolverTests
{
    private static AapSettingsResolution Resolve(AapSettingsInput input, params (string Name, string? Value)[] variables)
        => AapSettingsResolver.Resolve(input, variables.ToDictionary(v => v.Name, v => v.Value));

    private static AapSettingsResolution Resolve(params (string Name, string? Value)[] variables) => Resolve(new AapSettingsInput(), variables);

    private static string Plain(SecureString? secure)
    {
        Assert.NotNull(secure);
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer)!;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    [Fact]
    public void Explicit_uri_beats_every_variable()
    {
        var result = Resolve(new AapSettingsInput { Uri = "https://explicit.example.com" }, ("AAP_HOSTNAME", "https://aap.example.com"), ("CONTROLLER_HOST", "https://c.example.com"));
        Assert.Equal(new Uri("https://explicit.example.com"), result.Options.BaseUri);
        Assert.Contains("Uri=parameter", result.Sources);
    }

    [Fact]
    public void Aap_beats_controller_and_the_disagreement_is_a_warning()
    {
        var result = Resolve(("AAP_HOSTNAME", "https://aap.example.com"), ("CONTROLLER_HOST", "https://c.example.com"));
        Assert.Equal("aap.example.com", result.Options.BaseUri.Host);
        Assert.Contains("Uri=AAP_HOSTNAME", result.Sources);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("AAP_HOSTNAME", warning);
        Assert.Contains("CONTROLLER_HOST", warning);
    }

    [Fact]
    public void Equal_values_from_two_families_do_not_warn()
    {
        var result = Resolve(("AAP_HOSTNAME", "https://aap.example.com"), ("CONTROLLER_HOST", "https://aap.example.com"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Aap_host_is_an_alias_of_aap_hostname()
    {
        var result = Resolve(("AAP_HOST", "aap.example.com"));
        Assert.Equal(new Uri("https://aap.example.com/"), result.Options.BaseUri);
        Assert.Contains("Uri=AAP_HOST", result.Sources);
    }

    [Fact]
    public void Empty_values_are_ignored()
    {
        var result = Resolve(("AAP_HOSTNAME", ""), ("CONTROLLER_HOST", "  "), ("TOWER_HOST", "tower.example.com"));
        Assert.Equal("tower.example.com", result.Options.BaseUri.Host);
    }

    [Fact]
    public void Tower_variables_are_deprecated()
    {
        var result = Resolve(("TOWER_HOST", "tower.example.com"), ("TOWER_OAUTH_TOKEN", "tower-secret"));
        Assert.Contains(result.Warnings, w => w.Contains("deprecated") && w.Contains("TOWER_HOST"));
        Assert.Equal("tower-secret", Plain(result.Options.Token));
    }

    [Fact]
    public void Host_without_scheme_gets_https()
    {
        var result = Resolve(("CONTROLLER_HOST", "controller.example.com:8443"));
        Assert.Equal(new Uri("https://controller.example.com:8443/"), result.Options.BaseUri);
    }

    [Fact]
    public void No_uri_anywhere_names_the_parameter_and_the_variable()
    {
        var error = Assert.Throws<AapConfigurationException>(() => Resolve(("AAP_TOKEN", "t")));
        Assert.Contains("-Uri", error.Message);
        Assert.Contains("AAP_HOSTNAME", error.Message);
        Assert.Equal("Uri", error.Setting);
    }

    [Fact]
    public void Token_beats_basic_with_a_warning_that_quotes_no_secret()
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_TOKEN", "tok-123-secret"), ("AAP_USERNAME", "alice"), ("AAP_PASSWORD", "pw-456-secret"));
        Assert.Equal("tok-123-secret", Plain(result.Options.Token));
        Assert.Null(result.Options.UserName);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("token", warning);
        Assert.DoesNotContain("secret", string.Join("\n", result.Warnings.Concat(result.Sources)));
    }

    [Fact]
    public void Differing_secrets_warn_by_name_only()
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_TOKEN", "first-secret"), ("CONTROLLER_OAUTH_TOKEN", "second-secret"));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("AAP_TOKEN", warning);
        Assert.Contains("CONTROLLER_OAUTH_TOKEN", warning);
        Assert.DoesNotContain("secret", warning);
        Assert.Equal("first-secret", Plain(result.Options.Token));
    }

    [Theory]
    [InlineData("CONTROLLER_OAUTH_TOKEN")]
    [InlineData("CONTROLLER_TOKEN")]
    [InlineData("TOWER_OAUTH_TOKEN")]
    [InlineData("TOWER_TOKEN")]
    public void Every_token_variable_is_read(string variable)
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), (variable, "the-token"));
        Assert.Equal("the-token", Plain(result.Options.Token));
        Assert.Contains("Token=" + variable, result.Sources);
    }

    [Fact]
    public void Basic_from_controller_variables()
    {
        var result = Resolve(("CONTROLLER_HOST", "c.example.com"), ("CONTROLLER_USERNAME", "bob"), ("CONTROLLER_PASSWORD", "pw"));
        Assert.Equal("bob", result.Options.UserName);
        Assert.Equal("pw", Plain(result.Options.Password));
        Assert.Null(result.Options.Token);
    }

    [Fact]
    public void Explicit_credentials_replace_environment_credentials()
    {
        var result = Resolve(new AapSettingsInput { UserName = "carol", Password = Secrets.Secure("explicit") },
            ("AAP_HOSTNAME", "aap.example.com"), ("AAP_TOKEN", "env-token"));
        Assert.Equal("carol", result.Options.UserName);
        Assert.Null(result.Options.Token);
        Assert.Contains("Credential=parameter", result.Sources);
    }

    [Fact]
    public void Contradicting_aap_tls_variables_fail()
    {
        var error = Assert.Throws<AapConfigurationException>(() =>
            Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_VALIDATE_CERTS", "false"), ("AAP_INSECURE_SKIP_VERIFY", "false")));
        Assert.Contains("AAP_VALIDATE_CERTS", error.Message);
        Assert.Contains("AAP_INSECURE_SKIP_VERIFY", error.Message);
    }

    [Fact]
    public void Agreeing_aap_tls_variables_turn_checks_off_with_a_warning()
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_VALIDATE_CERTS", "false"), ("AAP_INSECURE_SKIP_VERIFY", "true"));
        Assert.True(result.Options.SkipCertificateCheck);
        Assert.Contains(result.Warnings, w => w.Contains("Certificate validation is turned off"));
    }

    [Fact]
    public void Controller_verify_ssl_is_read_when_aap_says_nothing()
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), ("CONTROLLER_VERIFY_SSL", "False"));
        Assert.True(result.Options.SkipCertificateCheck);
        Assert.Contains("SkipCertificateCheck=CONTROLLER_VERIFY_SSL", result.Sources);
    }

    [Fact]
    public void Explicit_skip_false_beats_environment_skip()
    {
        var result = Resolve(new AapSettingsInput { SkipCertificateCheck = false }, ("AAP_HOSTNAME", "aap.example.com"), ("AAP_INSECURE_SKIP_VERIFY", "true"));
        Assert.False(result.Options.SkipCertificateCheck);
    }

    [Fact]
    public void A_bad_boolean_names_the_variable()
    {
        var error = Assert.Throws<AapConfigurationException>(() => Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_VALIDATE_CERTS", "maybe")));
        Assert.Equal("AAP_VALIDATE_CERTS", error.Setting);
    }

    [Theory]
    [InlineData("AAP_REQUEST_TIMEOUT")]
    [InlineData("AAP_TIMEOUT")]
    [InlineData("CONTROLLER_REQUEST_TIMEOUT")]
    public void Request_timeout_from_the_environment(string variable)
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), (variable, "12.5"));
        Assert.Equal(TimeSpan.FromSeconds(12.5), result.Options.RequestTimeout);
    }

    [Fact]
    public void A_bad_timeout_fails()
    {
        var error = Assert.Throws<AapConfigurationException>(() => Resolve(("AAP_HOSTNAME", "aap.example.com"), ("AAP_REQUEST_TIMEOUT", "soon")));
        Assert.Equal("AAP_REQUEST_TIMEOUT", error.Setting);
    }

    [Theory]
    [InlineData("CONTROLLER_OPTIONAL_API_URLPATTERN_PREFIX")]
    [InlineData("AWXKIT_API_BASE_PATH")]
    public void Api_prefix_from_the_environment(string variable)
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"), (variable, "/api/controller/"));
        Assert.Equal("/api/controller/", result.Options.ApiPrefixOverride);
    }

    [Fact]
    public void No_prefix_means_discover()
    {
        var result = Resolve(("AAP_HOSTNAME", "aap.example.com"));
        Assert.Null(result.Options.ApiPrefixOverride);
    }

    [Fact]
    public void An_invalid_uri_names_its_source()
    {
        var error = Assert.Throws<AapConfigurationException>(() => Resolve(("AAP_HOSTNAME", "ftp://aap.example.com")));
        Assert.Equal("AAP_HOSTNAME", error.Setting);
    }
}
