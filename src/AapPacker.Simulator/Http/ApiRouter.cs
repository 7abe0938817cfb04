using System.Globalization;

namespace AapPacker.Simulator.Http;

/// <summary>Who may call a view (AWX permission classes).</summary>
internal enum Access
{
    /// <summary>IsAuthenticated: 401 without valid credentials.</summary>
    Authenticated,
    /// <summary>AllowAny, but authentication still runs (a wrong Basic password is a 401).</summary>
    Anonymous,
    /// <summary>No authentication classes at all (ping): never 401.</summary>
    NoAuthentication,
}

/// <summary>A view: a path pattern under the API root and its handlers per method.</summary>
internal sealed class ApiRoute(string pattern, Access access)
{
    public string Pattern { get; } = pattern;
    public Access Access { get; } = access;
    public string[] Segments { get; } = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
    public Dictionary<string, Func<ApiRequest, ApiResult>> Handlers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Matches request paths to views; ids must be digits, as in AWX's urls. Patterns are relative to the controller
/// API root (e.g. <c>inventories/{id}/</c>) unless they start with <c>/</c> (e.g. <c>/api/</c>).
/// </summary>
internal sealed class ApiRouter(string controllerPrefix)
{
    private readonly List<ApiRoute> _routes = [];

    public string ControllerPrefix { get; } = controllerPrefix;

    public ApiRouter Map(string method, string pattern, Func<ApiRequest, ApiResult> handler, Access access = Access.Authenticated)
    {
        pattern = pattern.StartsWith('/') ? pattern : ControllerPrefix + pattern;
        var route = _routes.FirstOrDefault(r => r.Pattern == pattern);
        if (route is null)
        {
            route = new ApiRoute(pattern, access);
            _routes.Add(route);
        }
        route.Handlers[method] = handler;
        return this;
    }

    public ApiRouter Get(string pattern, Func<ApiRequest, ApiResult> handler, Access access = Access.Authenticated)
        => Map("GET", pattern, handler, access);

    public ApiRouter Post(string pattern, Func<ApiRequest, ApiResult> handler) => Map("POST", pattern, handler);

    public ApiRouter Delete(string pattern, Func<ApiRequest, ApiResult> handler) => Map("DELETE", pattern, handler);

    /// <summary>Find the view for an absolute request path.</summary>
    public ApiRoute? Match(string path, Dictionary<string, string> values)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var route in _routes)
        {
            if (route.Segments.Length != segments.Length)
            {
                continue;
            }
            values.Clear();
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var p = route.Segments[i];
                if (p.StartsWith('{'))
                {
                    ok = segments[i].All(char.IsAsciiDigit) && int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out _);
                    values[p.Trim('{', '}')] = segments[i];
                }
                else
                {
                    ok = string.Equals(p, segments[i], StringComparison.Ordinal);
                }
            }
            if (ok)
            {
                return route;
            }
        }
        values.Clear();
        return null;
    }
}
