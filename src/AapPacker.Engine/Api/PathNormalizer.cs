using System;

namespace AapPacker.Engine.Api;

/// <summary>
/// Turns the paths callers give into the absolute request paths AAP expects. AAP answers a path without a
/// trailing slash with 301, and a client that followed it would turn a POST into a GET (awx#8233), so every
/// path is given its slash here instead.
/// </summary>
internal static class PathNormalizer
{
    /// <summary>
    /// Joins <paramref name="path"/> to <paramref name="apiRoot"/> unless it is already absolute
    /// (<c>/api/...</c>, as AAP's <c>next</c> links are) and makes sure the path part ends with <c>/</c>.
    /// A full URL is accepted only when it points at <paramref name="server"/>: credentials never go to another host.
    /// </summary>
    public static string ToRequestPath(Uri server, string apiRoot, string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var trimmed = path.Trim();
        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var absolute = new Uri(trimmed, UriKind.Absolute);
            if (Uri.Compare(absolute, server, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new ArgumentException($"The link '{absolute.GetLeftPart(UriPartial.Path)}' points at another server than {server.GetLeftPart(UriPartial.Authority)}; it is not followed.", nameof(path));
            }

            trimmed = absolute.PathAndQuery;
        }

        string pathPart;
        string query;
        var queryStart = trimmed.IndexOf('?');
        if (queryStart >= 0)
        {
            pathPart = trimmed.Substring(0, queryStart);
            query = trimmed.Substring(queryStart);
        }
        else
        {
            pathPart = trimmed;
            query = string.Empty;
        }

        if (!pathPart.StartsWith("/", StringComparison.Ordinal))
        {
            pathPart = EnsureTrailingSlash(apiRoot) + pathPart;
        }

        return EnsureTrailingSlash(pathPart) + (query == "?" ? string.Empty : query);
    }

    /// <summary>Adds <c>/</c> at the end when missing.</summary>
    public static string EnsureTrailingSlash(string path)
        => path.EndsWith("/", StringComparison.Ordinal) ? path : path + "/";

    /// <summary>Makes an API prefix absolute from the host root with slashes at both ends (<c>api/controller</c> → <c>/api/controller/</c>).</summary>
    public static string NormalizePrefix(string prefix)
    {
        var value = prefix.Trim();
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            value = new Uri(value, UriKind.Absolute).AbsolutePath;
        }

        if (!value.StartsWith("/", StringComparison.Ordinal))
        {
            value = "/" + value;
        }

        return EnsureTrailingSlash(value);
    }

    /// <summary>Adds <c>name=value</c> to the query unless the query already sets <paramref name="name"/>.</summary>
    public static string WithQueryDefault(string pathAndQuery, string name, string value)
    {
        var queryStart = pathAndQuery.IndexOf('?');
        if (queryStart >= 0)
        {
            var query = pathAndQuery.Substring(queryStart + 1);
            foreach (var pair in query.Split('&'))
            {
                var key = pair.Split('=')[0];
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    return pathAndQuery;
                }
            }

            return pathAndQuery + (query.Length == 0 ? string.Empty : "&") + name + "=" + value;
        }

        return pathAndQuery + "?" + name + "=" + value;
    }
}
