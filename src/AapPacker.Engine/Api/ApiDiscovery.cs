using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api;

/// <summary>What discovery found: the controller API root and the kind of server.</summary>
internal sealed class DiscoveredApi
{
    public DiscoveredApi(string apiRoot, string flavor, string? productName)
    {
        ApiRoot = apiRoot;
        Flavor = flavor;
        ProductName = productName;
    }

    /// <summary>The controller API root, absolute from the host root, e.g. <c>/api/controller/v2/</c>.</summary>
    public string ApiRoot { get; }

    /// <summary><c>AAP gateway</c>, <c>AAP controller</c> or <c>AWX</c>.</summary>
    public string Flavor { get; }

    /// <summary><c>X-API-Product-Name</c>, when the server sent it.</summary>
    public string? ProductName { get; }
}

/// <summary>
/// Finds the controller API root (aap-api.md §1.2): <c>GET /api/</c> anonymously; a gateway answers with an
/// <c>apis</c> map whose <c>controller</c> entry gives the controller root document, a controller answers with
/// <c>current_version</c>. When <c>/api/</c> is not usable, the two known version roots are probed through their
/// anonymous <c>ping/</c>. An explicit prefix skips the guessing.
/// </summary>
internal sealed class ApiDiscovery
{
    internal const string Gateway = "AAP gateway";
    internal const string Controller = "AAP controller";
    internal const string Awx = "AWX";

    private static readonly Regex VersionRoot = new Regex(@"/v\d+/$", RegexOptions.CultureInvariant);
    private static readonly string[] ProbedRoots = { "/api/controller/v2/", "/api/v2/" };

    private readonly AapHttpTransport _transport;
    private readonly IAapLog _log;

    public ApiDiscovery(AapHttpTransport transport, IAapLog log)
    {
        _transport = transport;
        _log = log;
    }

    /// <summary>True when <paramref name="prefixOverride"/> is a version root such as <c>/api/controller/v2/</c>: no request is needed.</summary>
    public static bool NeedsNoRequest(string? prefixOverride)
        => !string.IsNullOrWhiteSpace(prefixOverride) && VersionRoot.IsMatch(PathNormalizer.NormalizePrefix(prefixOverride!));

    public async Task<DiscoveredApi> DiscoverAsync(string? prefixOverride, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(prefixOverride))
        {
            return await FromPrefixAsync(PathNormalizer.NormalizePrefix(prefixOverride!), cancellationToken).ConfigureAwait(false);
        }

        var root = await GetAnonymousAsync("/api/", expectJson: false, cancellationToken).ConfigureAwait(false);
        if (root.StatusCode >= 500)
        {
            throw AapErrors.FromResponse(AapErrors.ToResponse(root, "GET", "/api/"));
        }

        var found = await FromRootDocumentAsync(root, "/api/", cancellationToken).ConfigureAwait(false);
        if (found != null)
        {
            return found;
        }

        _log.Verbose("GET /api/ answered " + root.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " without an API root document; probing the known version roots.");
        foreach (var candidate in ProbedRoots)
        {
            var ping = await GetAnonymousAsync(candidate + "ping/", expectJson: false, cancellationToken).ConfigureAwait(false);
            if (ping.IsSuccess && ping.Json is JsonElement body && body.ValueKind == JsonValueKind.Object)
            {
                return Found(candidate, candidate.StartsWith("/api/controller/", StringComparison.Ordinal), ping.ProductName ?? root.ProductName, "the ping/ probe");
            }
        }

        throw new AapApiException(AapErrorKind.NotFound, "GET", "/api/", root.StatusCode,
            "No AAP or AWX API found at " + _transport.Server.GetLeftPart(UriPartial.Authority) +
            ": /api/ gave no API root document and neither /api/controller/v2/ping/ nor /api/v2/ping/ answered. " +
            "Check -Uri (the server root, e.g. https://aap.example.com), or give the API prefix explicitly (CONTROLLER_OPTIONAL_API_URLPATTERN_PREFIX).");
    }

    private async Task<DiscoveredApi> FromPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        if (VersionRoot.IsMatch(prefix))
        {
            // Already a version root such as /api/controller/v2/: nothing to follow.
            return Found(prefix, prefix.StartsWith("/api/controller/", StringComparison.Ordinal), null, "the given prefix");
        }

        var document = await GetAnonymousAsync(prefix, expectJson: true, cancellationToken).ConfigureAwait(false);
        var found = await FromRootDocumentAsync(document, prefix, cancellationToken).ConfigureAwait(false);
        if (found != null)
        {
            return found;
        }

        if (!document.IsSuccess)
        {
            throw AapErrors.FromResponse(AapErrors.ToResponse(document, "GET", prefix));
        }

        throw new AapApiException(AapErrorKind.Protocol, "GET", prefix, document.StatusCode,
            "The API prefix " + prefix + " did not answer with a current_version. Give the prefix of the controller API, e.g. /api/controller/ (AAP 2.5+) or /api/ (AWX).");
    }

    /// <summary>Reads a root document (<c>/api/</c> or a prefix); null when it is not one.</summary>
    private async Task<DiscoveredApi?> FromRootDocumentAsync(WireResponse response, string requestPath, CancellationToken cancellationToken)
    {
        if (!response.IsSuccess || !(response.Json is JsonElement body) || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (body.TryGetProperty("apis", out var apis) && apis.ValueKind == JsonValueKind.Object &&
            AapErrors.GetString(apis, "controller") is string controller && controller.Length > 0)
        {
            var controllerPath = PathNormalizer.NormalizePrefix(controller);
            _log.Verbose(requestPath + " is a platform gateway; its controller API is at " + controllerPath + ".");
            var controllerRoot = await GetAnonymousAsync(controllerPath, expectJson: true, cancellationToken).ConfigureAwait(false);
            if (!controllerRoot.IsSuccess)
            {
                throw AapErrors.FromResponse(AapErrors.ToResponse(controllerRoot, "GET", controllerPath));
            }

            var version = controllerRoot.Json is JsonElement c ? AapErrors.GetString(c, "current_version") : null;
            if (string.IsNullOrEmpty(version))
            {
                throw new AapApiException(AapErrorKind.Protocol, "GET", controllerPath, controllerRoot.StatusCode,
                    "The gateway's controller root " + controllerPath + " has no current_version.");
            }

            return Found(PathNormalizer.NormalizePrefix(version!), gateway: true, controllerRoot.ProductName ?? response.ProductName, requestPath + " apis.controller");
        }

        var current = AapErrors.GetString(body, "current_version");
        if (!string.IsNullOrEmpty(current))
        {
            var apiRoot = PathNormalizer.NormalizePrefix(current!);
            return Found(apiRoot, apiRoot.StartsWith("/api/controller/", StringComparison.Ordinal), response.ProductName, requestPath + " current_version");
        }

        return null;
    }

    private DiscoveredApi Found(string apiRoot, bool gateway, string? productName, string how)
    {
        var flavor = gateway ? Gateway
            : productName != null && productName.IndexOf("Automation Platform", StringComparison.OrdinalIgnoreCase) >= 0 ? Controller
            : Awx;
        _log.Verbose("Controller API root " + apiRoot + " (" + flavor + ", from " + how + ").");
        return new DiscoveredApi(apiRoot, flavor, productName);
    }

    private Task<WireResponse> GetAnonymousAsync(string path, bool expectJson, CancellationToken cancellationToken)
        => _transport.SendAsync(HttpMethod.Get, path, null, anonymous: true, retry: true, expectJson: expectJson, cancellationToken);
}
