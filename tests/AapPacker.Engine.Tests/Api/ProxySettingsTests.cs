using System.Net;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.Api;

/// <summary>HTTPS_PROXY/HTTP_PROXY/NO_PROXY are honoured explicitly (so .NET Framework behaves like .NET).</summary>
public class ProxySettingsTests
{
    private static ProxySettings Settings(params (string Name, string Value)[] variables)
        => ProxySettings.FromEnvironment(variables.ToDictionary(v => v.Name, v => (string?)v.Value));

    [Fact]
    public void Https_target_uses_https_proxy()
    {
        var proxy = Settings(("HTTPS_PROXY", "http://proxy.corp:3128"), ("HTTP_PROXY", "http://other:8080")).ProxyFor(new Uri("https://aap.example.com/"));
        Assert.Equal(new Uri("http://proxy.corp:3128"), proxy);
    }

    [Fact]
    public void Http_target_uses_http_proxy()
    {
        var proxy = Settings(("HTTPS_PROXY", "http://proxy.corp:3128"), ("HTTP_PROXY", "http://other:8080")).ProxyFor(new Uri("http://aap.example.com/"));
        Assert.Equal(new Uri("http://other:8080"), proxy);
    }

    [Fact]
    public void Lower_case_names_are_read_and_a_scheme_is_assumed()
    {
        var proxy = Settings(("https_proxy", "proxy.corp:3128")).ProxyFor(new Uri("https://aap.example.com/"));
        Assert.Equal(new Uri("http://proxy.corp:3128"), proxy);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData(".example.com")]
    [InlineData("*.example.com")]
    [InlineData("other.org, aap.example.com")]
    [InlineData("*")]
    [InlineData("aap.example.com:443")]
    public void No_proxy_bypasses_matching_hosts(string noProxy)
        => Assert.Null(Settings(("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", noProxy)).ProxyFor(new Uri("https://aap.example.com/")));

    [Theory]
    [InlineData("ample.com")]
    [InlineData("aap.example.com:8443")]
    [InlineData("other.org")]
    public void No_proxy_does_not_bypass_other_hosts(string noProxy)
        => Assert.NotNull(Settings(("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", noProxy)).ProxyFor(new Uri("https://aap.example.com/")));

    [Fact]
    public void No_proxy_cidr_matches_addresses()
    {
        var settings = Settings(("HTTPS_PROXY", "http://proxy:3128"), ("no_proxy", "10.0.0.0/8"));
        Assert.Null(settings.ProxyFor(new Uri("https://10.20.30.40/")));
        Assert.NotNull(settings.ProxyFor(new Uri("https://11.0.0.1/")));
    }

    [Theory]
    [InlineData("https://127.0.0.1:8043/")]
    [InlineData("https://127.1.2.3/")]
    [InlineData("https://[::1]:8043/")]
    [InlineData("https://localhost/")]
    public void Loopback_never_goes_through_a_proxy(string target)
        => Assert.Null(Settings(("HTTPS_PROXY", "http://proxy:3128")).ProxyFor(new Uri(target)));

    [Fact]
    public void No_variables_means_not_configured()
        => Assert.False(Settings().IsConfigured);

    [Fact]
    public void Proxy_credentials_come_from_the_user_info()
    {
        var proxy = (WebProxy)ProxySettings.CreateWebProxy(new Uri("http://user:p%40ss@proxy.corp:3128"));
        Assert.Equal(new Uri("http://proxy.corp:3128/"), proxy.Address);
        var credential = Assert.IsType<NetworkCredential>(proxy.Credentials);
        Assert.Equal("user", credential.UserName);
        Assert.Equal("p@ss", credential.Password);
    }
}
