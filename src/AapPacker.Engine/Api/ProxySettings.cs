using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace AapPacker.Engine.Api;

/// <summary>
/// The proxy environment variables (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>, <c>NO_PROXY</c>, upper or lower case)
/// read explicitly, because .NET Framework ignores them. The client talks to one server only, so the
/// <c>NO_PROXY</c> decision is made once for that server rather than handed to a regex bypass list.
/// Loopback addresses never go through a proxy (the simulator, an SSH tunnel).
/// </summary>
internal sealed class ProxySettings
{
    private static readonly char[] ListSeparators = { ',', ' ', '\t' };
    private static readonly char[] UserInfoSeparator = { ':' };

    private ProxySettings(string? httpsProxy, string? httpProxy, IReadOnlyList<string> noProxy)
    {
        HttpsProxy = httpsProxy;
        HttpProxy = httpProxy;
        NoProxy = noProxy;
    }

    public string? HttpsProxy { get; }

    public string? HttpProxy { get; }

    public IReadOnlyList<string> NoProxy { get; }

    /// <summary>True when any proxy variable is set; otherwise the platform default applies.</summary>
    public bool IsConfigured => HttpsProxy != null || HttpProxy != null;

    /// <summary>Reads the variables from the process environment.</summary>
    public static ProxySettings FromProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return FromEnvironment(variables);
    }

    /// <summary>Reads the variables from <paramref name="environment"/> (lower case wins, as in curl).</summary>
    public static ProxySettings FromEnvironment(IDictionary<string, string?> environment)
    {
        string? Read(string name) => Value(name.ToLowerInvariant()) ?? Value(name);

        string? Value(string name)
            => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value!.Trim() : null;

        var noProxy = (Read("NO_PROXY") ?? string.Empty)
            .Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim().ToLowerInvariant())
            .ToList();
        return new ProxySettings(Read("HTTPS_PROXY"), Read("HTTP_PROXY"), noProxy);
    }

    /// <summary>The proxy to use for <paramref name="target"/>, or null to connect directly.</summary>
    public Uri? ProxyFor(Uri target)
    {
        var configured = string.Equals(target.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? HttpsProxy : HttpProxy;
        if (configured is null || IsLoopback(target.Host) || IsBypassed(target))
        {
            return null;
        }

        var text = configured.Contains("://") ? configured : "http://" + configured;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var proxy))
        {
            throw new AapConfigurationException(
                "The proxy setting '" + StripUserInfo(configured) + "' is not a valid URI.", "HTTPS_PROXY",
                "Set HTTPS_PROXY to a URI such as http://proxy.example.com:3128.");
        }

        return proxy;
    }

    /// <summary>A <see cref="WebProxy"/> for <paramref name="proxy"/>, with credentials from its user info.</summary>
    public static IWebProxy CreateWebProxy(Uri proxy)
    {
        var address = new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
        var webProxy = new WebProxy(address) { BypassProxyOnLocal = false };
        if (!string.IsNullOrEmpty(proxy.UserInfo))
        {
            var parts = proxy.UserInfo.Split(UserInfoSeparator, 2);
            webProxy.Credentials = new NetworkCredential(
                Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }

        return webProxy;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and <c>localhost</c>.</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase) ||
            bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    private bool IsBypassed(Uri target)
    {
        var host = target.Host.Trim('[', ']').ToLowerInvariant();
        foreach (var entry in NoProxy)
        {
            if (entry == "*")
            {
                return true;
            }

            if (MatchesCidr(entry, host))
            {
                return true;
            }

            var (entryHost, entryPort) = SplitPort(entry);
            if (entryPort.HasValue && entryPort.Value != target.Port)
            {
                continue;
            }

            if (entryHost.StartsWith("*.", StringComparison.Ordinal))
            {
                entryHost = entryHost.Substring(1);
            }

            var domain = entryHost.TrimStart('.');
            if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Host, int? Port) SplitPort(string entry)
    {
        if (entry.StartsWith("[", StringComparison.Ordinal))
        {
            var close = entry.IndexOf(']');
            if (close > 0)
            {
                var host = entry.Substring(1, close - 1);
                var rest = entry.Substring(close + 1);
                return (host, rest.StartsWith(":", StringComparison.Ordinal) && int.TryParse(rest.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null);
            }
        }

        var colon = entry.LastIndexOf(':');
        if (colon > 0 && entry.IndexOf(':') == colon &&
            int.TryParse(entry.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return (entry.Substring(0, colon), port);
        }

        return (entry, null);
    }

    private static bool MatchesCidr(string entry, string host)
    {
        var slash = entry.IndexOf('/');
        if (slash <= 0 ||
            !IPAddress.TryParse(entry.Substring(0, slash), out var network) ||
            !int.TryParse(entry.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ||
            !IPAddress.TryParse(host, out var address) ||
            network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var networkBytes = network.GetAddressBytes();
        var addressBytes = address.GetAddressBytes();
        if (bits > networkBytes.Length * 8)
        {
            return false;
        }

        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((networkBytes[i / 8] & mask) != (addressBytes[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static string StripUserInfo(string value)
    {
        var at = value.LastIndexOf('@');
        return at >= 0 ? "…@" + value.Substring(at + 1) : value;
    }
}
