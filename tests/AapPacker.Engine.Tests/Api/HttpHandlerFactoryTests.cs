using System.Net;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.Api;

/// <summary>The handler gets the proxy the environment asks for, and none for NO_PROXY hosts.</summary>
public class HttpHandlerFactoryTests
{
    private static HttpClientHandler Handler(string target, params (string Name, string Value)[] variables)
    {
        var options = new AapClientOptions { BaseUri = new Uri(target) };
        using var validator = new ServerCertificateValidator(null, skip: false);
        return HttpHandlerFactory.Create(options, validator, ProxySettings.FromEnvironment(variables.ToDictionary(v => v.Name, v => (string?)v.Value)));
    }

    [Fact]
    public void The_environment_proxy_is_used()
    {
        using var handler = Handler("https://aap.example.com/", ("HTTPS_PROXY", "http://proxy.corp:3128"));
        Assert.True(handler.UseProxy);
        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.Equal(new Uri("http://proxy.corp:3128/"), proxy.Address);
    }

    [Fact]
    public void A_no_proxy_host_connects_directly()
    {
        using var handler = Handler("https://aap.example.com/", ("HTTPS_PROXY", "http://proxy.corp:3128"), ("NO_PROXY", ".example.com"));
        Assert.False(handler.UseProxy);
    }

    [Fact]
    public void No_redirects_and_no_cookies()
    {
        using var handler = Handler("https://aap.example.com/");
        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Null(handler.Proxy);
    }
}
