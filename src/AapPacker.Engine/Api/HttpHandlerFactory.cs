using System;
using System.Net;
using System.Net.Http;

namespace AapPacker.Engine.Api;

/// <summary>
/// Builds the one <see cref="HttpClientHandler"/> of a client: no cookie jar (a session cookie would make AAP
/// demand CSRF tokens on writes), no automatic redirects (a followed 301 turns a POST into a GET, and a
/// redirect could carry the Authorization header elsewhere), certificate checks and the proxy.
/// </summary>
internal static class HttpHandlerFactory
{
    public static HttpClientHandler Create(AapClientOptions options, ServerCertificateValidator validator)
        => Create(options, validator, ProxySettings.FromProcessEnvironment());

    /// <summary>Builds the handler with the proxy variables given (tests pass their own environment).</summary>
    internal static HttpClientHandler Create(AapClientOptions options, ServerCertificateValidator validator, ProxySettings proxySettings)
    {
        var handler = new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ServerCertificateCustomValidationCallback = validator.Validate,
        };

        ConfigureProxy(handler, options, proxySettings);
        return handler;
    }

    private static void ConfigureProxy(HttpClientHandler handler, AapClientOptions options, ProxySettings settings)
    {
        if (options.Proxy != null)
        {
            handler.Proxy = options.Proxy;
            handler.UseProxy = true;
            return;
        }

        if (!settings.IsConfigured)
        {
            // No proxy variables: keep the platform default (the system proxy on Windows).
            return;
        }

        var proxy = settings.ProxyFor(options.BaseUri);
        if (proxy is null)
        {
            handler.UseProxy = false;
            return;
        }

        handler.Proxy = ProxySettings.CreateWebProxy(proxy);
        handler.UseProxy = true;
        options.Log.Verbose("Using the proxy " + proxy.Scheme + "://" + proxy.Host + ":" + proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + " for " + options.BaseUri.Host + ".");
    }
}
