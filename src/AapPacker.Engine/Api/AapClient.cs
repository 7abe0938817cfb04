using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Api;

/// <summary>
/// The AAP/AWX REST client: discovery, authentication, retries, paging and error mapping.
/// Paths given to it are either relative to the API root (<c>inventories/</c>) or absolute
/// (<c>/api/v2/inventories/?page=2</c>, as AAP's <c>next</c> links are). Every path must end with <c>/</c>
/// before its query (AAP answers 301 otherwise); the client adds a missing one.
/// GET and DELETE are retried on transient failures; a POST is one attempt, made safe to retry by <see cref="PostRetry"/>.
/// </summary>
internal sealed partial class AapClient : IDisposable
{
    /// <summary>AAP caps page sizes at 200 silently; asking for the cap keeps list walks short.</summary>
    internal const int PageSize = 200;

    private readonly AapHttpTransport _transport;

    /// <summary>Bumped when a cached API root proved stale and was replaced (reads sent before then are sent again).</summary>
    private int _rootGeneration;

    private AapClient(AapClientOptions options, AapHttpTransport transport)
    {
        Options = options;
        _transport = transport;
    }

    /// <summary>Discovers the API root, verifies the credentials with <c>GET me/</c>, and returns a ready client.</summary>
    public static Task<AapClient> ConnectAsync(AapClientOptions options, CancellationToken cancellationToken)
        => ConnectAsync(options, verifyAlongside: false, cancellationToken);

    /// <summary>
    /// Discovers the API root and returns a client. With <paramref name="verifyAlongside"/>, <c>GET me/</c> is still in
    /// flight on return (<see cref="Verified"/>): the caller's first requests go out beside it, which saves a round trip
    /// on the critical path of a build, yet no answer reaches the caller before the credentials were verified and
    /// nothing that changes AAP is sent before then; a failed verification is the error every request ends with.
    /// </summary>
    public static async Task<AapClient> ConnectAsync(AapClientOptions options, bool verifyAlongside, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var server = ServerRoot(options.BaseUri);
        UnencryptedAuthenticationGuard.Check(options, server);

        var bundle = string.IsNullOrWhiteSpace(options.CertificateAuthorityPath) || options.SkipCertificateCheck
            ? null
            : TrustedCertificateBundle.Load(options.CertificateAuthorityPath!);
        var transport = new AapHttpTransport(options, server, new ServerCertificateValidator(bundle, options.SkipCertificateCheck));
        var client = new AapClient(options, transport);
        try
        {
            await client.InitializeAsync(server, verifyAlongside, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>What the connection found (no secrets).</summary>
    public AapConnectionInfo Info { get; private set; } = new AapConnectionInfo();

    /// <summary>The options this client was built from.</summary>
    public AapClientOptions Options { get; private set; }

    /// <summary>
    /// Completes when <c>GET me/</c> has verified the credentials and <see cref="Info"/> names the user; faults with its
    /// error. Already complete unless the client was connected with <c>verifyAlongside</c>.
    /// </summary>
    public Task Verified { get; private set; } = Task.CompletedTask;

    /// <summary>The controller API root, e.g. <c>/api/controller/v2/</c> (same as <see cref="AapConnectionInfo.ApiRoot"/>).</summary>
    public string ApiRoot => Info.ApiRoot;

    /// <summary>GET a single JSON document. Retried on transient failures.</summary>
    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, retry: true, cancellationToken).ConfigureAwait(false);
        return JsonOrThrow(response);
    }

    /// <summary>GET every item of a paginated list, following <c>next</c> with <c>page_size=200</c>.</summary>
    public async IAsyncEnumerable<JsonElement> ListAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = PathNormalizer.WithQueryDefault(ToRequestPath(path), "page_size", PageSize.ToString(CultureInfo.InvariantCulture));
        while (next != null)
        {
            var page = await GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw new AapApiException(AapErrorKind.Protocol, "GET", next, 200, "The answer is not a paginated list (no results array).");
            }

            foreach (var item in results.EnumerateArray())
            {
                yield return item;
            }

            next = AapErrors.GetString(page, "next");
        }
    }

    /// <summary>POST a JSON body (JSON-ready values, written by <see cref="JsonValueWriter"/>), one attempt (see <see cref="PostRetry"/>).</summary>
    public async Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, path, body, retry: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw response.ToException();
        }

        // 202/204 answers (cancel, attach) have no body; a page of HTML instead of JSON is not an answer from AAP.
        if (response.RawText != null)
        {
            throw AapErrors.NotJson(response);
        }

        return response.Body;
    }

    /// <summary>
    /// DELETE. Retried on transient failures. Returns the status (200, 202, 204, or 404 = already gone);
    /// throws <see cref="AapApiException"/> for anything else (409, 403, 400...).
    /// </summary>
    public async Task<int> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, path, null, retry: true, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || response.StatusCode == 404)
        {
            return response.StatusCode;
        }

        throw response.ToException();
    }

    /// <summary>
    /// Low-level send: returns status and body without throwing on HTTP error statuses. Throws
    /// <see cref="AapApiException"/> only when no answer came (Unreachable, Tls) and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<AapResponse> SendAsync(HttpMethod method, string path, object? body, bool retry, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        var verified = Verified;
        if (verified.Status == TaskStatus.RanToCompletion)
        {
            return await SendNowAsync(method, path, body, retry, cancellationToken).ConfigureAwait(false);
        }

        // Connected with verifyAlongside and me/ not answered yet: a read goes out now, but its answer waits for the
        // verification (whose error comes first); anything that changes AAP waits before it is sent.
        if (method != HttpMethod.Get)
        {
            await verified.ConfigureAwait(false);
            return await SendNowAsync(method, path, body, retry, cancellationToken).ConfigureAwait(false);
        }

        var generation = Volatile.Read(ref _rootGeneration);
        var root = Info.ApiRoot;
        var sending = SendNowAsync(method, path, body, retry, cancellationToken);
        await verified.SettlingOnFailureAsync(sending).ConfigureAwait(false);
        if (Volatile.Read(ref _rootGeneration) == generation)
        {
            return await sending.ConfigureAwait(false);
        }

        // The API root came from the cache and proved stale while this read was out: it went to the old root, so it
        // is sent again to the new one (a path the caller made absolute with the old root, as a list walk does, too).
        await sending.SettleAsync().ConfigureAwait(false);
        var again = PathNormalizer.ToRequestPath(_transport.Server, root, path);
        again = again.StartsWith(root, StringComparison.Ordinal) ? again.Substring(root.Length) : path;
        return await SendNowAsync(method, again, body, retry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AapResponse> SendNowAsync(HttpMethod method, string path, object? body, bool retry, CancellationToken cancellationToken)
    {
        var requestPath = ToRequestPath(path);
        var bytes = body is null ? null : JsonValueWriter.ToUtf8(body);
        try
        {
            var expectJson = method == HttpMethod.Get;
            var wire = await _transport.SendAsync(method, requestPath, bytes, anonymous: false, retry, expectJson, cancellationToken).ConfigureAwait(false);
            return AapErrors.ToResponse(wire, method.Method, requestPath);
        }
        finally
        {
            // The body may hold secrets (credential inputs): do not leave them in a buffer.
            if (bytes != null)
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }
    }

    /// <summary>The absolute request path for <paramref name="path"/> (joined to the API root, trailing slash added).</summary>
    public string ToRequestPath(string path) => PathNormalizer.ToRequestPath(_transport.Server, Info.ApiRoot, path);

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    private async Task InitializeAsync(Uri server, bool verifyAlongside, CancellationToken cancellationToken)
    {
        var cache = string.IsNullOrWhiteSpace(Options.ApiRootCacheFile) || ApiDiscovery.NeedsNoRequest(Options.ApiPrefixOverride)
            ? null
            : new ApiRootCache(Options.ApiRootCacheFile!, Options.TimeProvider);
        var cacheKey = ApiRootCache.Key(server, Options.ApiPrefixOverride);
        var cached = cache?.TryGet(cacheKey);
        DiscoveredApi discovered;
        if (cached != null)
        {
            Options.Log.Verbose("Controller API root " + cached.ApiRoot + " (" + cached.Flavor + ", cached " +
                cached.WrittenAt.ToString("u", CultureInfo.InvariantCulture) + "; " + ApiRootCache.DisableVariable + "=1 always discovers).");
            discovered = cached.ToDiscovered();
        }
        else
        {
            discovered = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        }

        var info = new AapConnectionInfo
        {
            Uri = server,
            ApiRoot = discovered.ApiRoot,
            Flavor = discovered.Flavor,
            ProductName = discovered.ProductName ?? string.Empty,
            AuthenticationType = AuthenticationHeader.Describe(Options),
            SkipCertificateCheck = Options.SkipCertificateCheck,
        };
        Info = info;
        var verifying = VerifyAndRecordAsync(server, info, cache, cacheKey, fromCache: cached != null, cancellationToken);
        if (verifyAlongside)
        {
            Verified = verifying;
            return;
        }

        await verifying.ConfigureAwait(false);
    }

    private Task<DiscoveredApi> DiscoverAsync(CancellationToken cancellationToken)
        => new ApiDiscovery(_transport, Options.Log).DiscoverAsync(Options.ApiPrefixOverride, cancellationToken);

    /// <summary>
    /// Verifies the credentials (<see cref="VerifyAsync"/>) and keeps the cache true: a root that came from the cache
    /// and answers <c>me/</c> with 404 is stale (the server was upgraded, or another one took the address), so it is
    /// dropped and discovered again, and reads sent to it beside this verification are sent again
    /// (<see cref="_rootGeneration"/>); a root discovered and verified is recorded.
    /// </summary>
    private async Task VerifyAndRecordAsync(Uri server, AapConnectionInfo info, ApiRootCache? cache, string cacheKey, bool fromCache, CancellationToken cancellationToken)
    {
        if (fromCache)
        {
            if (await VerifyAsync(server, info, rootMayBeStale: true, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            Options.Log.Verbose("The cached API root " + info.ApiRoot + " answered 404 at " + server.GetLeftPart(UriPartial.Authority) +
                " (the server changed); the entry is dropped and the API root discovered again.");
            cache!.Remove(cacheKey);
            var discovered = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            info.ApiRoot = discovered.ApiRoot;
            info.Flavor = discovered.Flavor;
            info.ProductName = discovered.ProductName ?? string.Empty;

            // After the root: a read that saw the old generation is sent again to the new root.
            Interlocked.Increment(ref _rootGeneration);
        }

        await VerifyAsync(server, info, rootMayBeStale: false, cancellationToken).ConfigureAwait(false);
        cache?.Store(cacheKey, new DiscoveredApi(info.ApiRoot, info.Flavor, info.ProductName.Length > 0 ? info.ProductName : null));
    }

    /// <summary>
    /// <c>GET me/</c>: the credentials work, and whose they are. False (nothing verified) only when
    /// <paramref name="rootMayBeStale"/> and <c>me/</c> is not found: the API root is not this server's.
    /// </summary>
    private async Task<bool> VerifyAsync(Uri server, AapConnectionInfo info, bool rootMayBeStale, CancellationToken cancellationToken)
    {
        var mePath = ToRequestPath("me/");
        var me = await _transport.SendAsync(HttpMethod.Get, mePath, null, anonymous: false, retry: true, expectJson: true, cancellationToken).ConfigureAwait(false);
        var meResponse = AapErrors.ToResponse(me, "GET", mePath);
        if (!meResponse.IsSuccess)
        {
            if (me.StatusCode == 404 && rootMayBeStale)
            {
                return false;
            }

            if (me.StatusCode == 401 && !AuthenticationHeader.HasCredentials(Options))
            {
                throw new AapApiException(AapErrorKind.Unauthorized, "GET", mePath, 401,
                    "No credentials were given. Pass -Token (or -Credential), or set AAP_TOKEN (or AAP_USERNAME and AAP_PASSWORD).");
            }

            throw meResponse.ToException();
        }

        var user = JsonOrThrow(meResponse);
        if (!user.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
        {
            throw new AapApiException(AapErrorKind.Protocol, "GET", mePath, me.StatusCode, "The me/ answer names no user.");
        }

        var first = results[0];
        info.User = AapErrors.GetString(first, "username") ?? string.Empty;
        info.UserId = first.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var number) ? number : 0;
        if (!string.IsNullOrEmpty(me.ProductName))
        {
            info.ProductName = me.ProductName!;
            var platform = me.ProductName!.IndexOf("Automation Platform", StringComparison.OrdinalIgnoreCase) >= 0;
            if (info.Flavor == ApiDiscovery.Awx && platform)
            {
                info.Flavor = ApiDiscovery.Controller;
            }
            else if (info.Flavor == ApiDiscovery.Controller && !platform && rootMayBeStale)
            {
                // A cached flavor, and the server at this address is AWX now.
                info.Flavor = ApiDiscovery.Awx;
            }
        }

        info.Version = me.ProductVersion ?? await ReadVersionFromPingAsync(cancellationToken).ConfigureAwait(false);
        info.ConnectedAt = Options.TimeProvider.GetUtcNow();
        Options.Log.Verbose("Connected to " + server.GetLeftPart(UriPartial.Authority) + " as " + info.User + " (" + info.Flavor +
            (info.Version.Length > 0 ? " " + info.Version : string.Empty) + ", API root " + info.ApiRoot + ", " + info.AuthenticationType + " authentication).");
        return true;
    }

    private async Task<string> ReadVersionFromPingAsync(CancellationToken cancellationToken)
    {
        var response = await SendNowAsync(HttpMethod.Get, "ping/", null, retry: true, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? AapErrors.GetString(response.Body, "version") ?? string.Empty : string.Empty;
    }

    private static JsonElement JsonOrThrow(AapResponse response)
    {
        if (!response.IsSuccess)
        {
            throw response.ToException();
        }

        if (response.Body.ValueKind == JsonValueKind.Undefined)
        {
            throw AapErrors.NotJson(response);
        }

        return response.Body;
    }

    private static Uri ServerRoot(Uri baseUri)
    {
        if (baseUri is null || !baseUri.IsAbsoluteUri ||
            (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AapConfigurationException(
                "The server URI '" + baseUri + "' is not an absolute http or https URI.", "Uri",
                "Pass the server root, e.g. -Uri https://aap.example.com.");
        }

        return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute);
    }
}
