using System.Diagnostics;
using System.Globalization;
using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Control;
using AapPacker.Simulator.Faults;
using AapPacker.Simulator.Jobs;
using Microsoft.AspNetCore.Http;

namespace AapPacker.Simulator.Http;

/// <summary>
/// Serves every non-control path the way AWX's Django stack does, in its order: injected faults, APPEND_SLASH
/// (301), URL resolution (404), authentication (401), method (405), scope/role (403), then the view under the
/// store lock; finally the product headers and the request log.
/// </summary>
internal sealed class ApiPipeline(SimulatorContext sim, ApiRouter router)
{
    private const string NotProvided = "Authentication credentials were not provided. To establish a login session, visit /api/login/.";
    private const string AuthenticatedKey = "sim.authenticated";
    private const string ArrivedKey = "sim.arrived";
    private const string InvalidBasic = "Invalid username/password. To establish a login session, visit /api/login/.";

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        http.Items[ArrivedKey] = DateTimeOffset.UtcNow;
        var request = http.Request;
        var path = request.Path.Value ?? "/";
        var auth = AuthOf(request);
        var faults = sim.Faults.Pick(request.Method, path);
        foreach (var latency in faults.Where(f => f.Kind == "latency"))
        {
            await Task.Delay(latency.LatencyMs ?? 200, http.RequestAborted).ConfigureAwait(false);
        }
        var fault = faults.FirstOrDefault(f => f.Kind != "latency");
        if (fault is not null && fault.Kind is not ("lostResponse" or "slowAnswer"))
        {
            await InjectAsync(http, fault, auth).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request, http.RequestAborted).ConfigureAwait(false);
        ApiResult? login;
        lock (sim.Store.Sync)
        {
            login = SessionLogin.TryHandle(request, path, body, sim.Layout, sim.Store);
        }
        var result = login ?? Dispatch(http, path, body, auth);
        if (fault is { Kind: "slowAnswer" })
        {
            // slowAnswer: the server acted at once (as Django finishes a request whatever the client does); the answer
            // comes latencyMs later, to a client that may have stopped waiting.
            Log(http, path, result.Status, auth, fault);
            try
            {
                await Task.Delay(fault.LatencyMs ?? 200, http.RequestAborted).ConfigureAwait(false);
                await WriteAsync(http, result, started).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client went away; what was done stays done.
            }
            return;
        }
        if (fault is not null)
        {
            // lostResponse: the server acted (the log keeps the status it would have sent), the client never hears about it.
            Log(http, path, result.Status, auth, fault);
            if (fault.Status is int proxyStatus and >= 500)
            {
                // A proxy that gave up on the upstream after it had acted: a 504 timeout page, or a 502 like nginx's.
                await WriteAsync(http, FaultResponses.LostAnswer(proxyStatus), started).ConfigureAwait(false);
            }
            else
            {
                http.Abort();
            }
            return;
        }
        await WriteAsync(http, result, started).ConfigureAwait(false);
        Log(http, path, result.Status, auth, null);
    }

    private Authentication AuthOf(HttpRequest request)
    {
        lock (sim.Store.Sync)
        {
            // DRF's order: OAuth2 (a valid Bearer token), then SessionAuthentication, then Basic.
            var auth = Authentication.From(request.Headers.Authorization.ToString(), sim.Store.Users, sim.Store.Tokens);
            if (auth is { Kind: AuthKind.Bearer, IsAuthenticated: true } || SessionLogin.SessionUser(request, sim.Store) is not { } user)
            {
                return auth;
            }
            var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
            return new Authentication(AuthKind.Session, user, false, false) { CsrfFailure = unsafeMethod ? SessionLogin.CheckCsrf(request) : null };
        }
    }

    private ApiResult Dispatch(HttpContext http, string path, byte[] body, Authentication auth)
    {
        path = NamedUrls.Rewrite(path, router.ControllerPrefix, sim.Store);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!path.EndsWith('/'))
        {
            if (router.Match(path + "/", values) is null)
            {
                return ApiResult.UnknownPath();
            }
            var redirect = ApiResult.Empty(301);
            redirect.Headers["Location"] = path + "/" + http.Request.QueryString.Value;
            return redirect;
        }
        var route = router.Match(path, values);
        if (route is null)
        {
            return ApiResult.UnknownPath();
        }
        if (route.Access != Access.NoAuthentication && auth.CsrfFailure is { } csrf)
        {
            // SessionAuthentication.enforce_csrf raises PermissionDenied("CSRF Failed: <reason>").
            return ApiResult.Detail(403, "CSRF Failed: " + csrf);
        }
        if (route.Access != Access.NoAuthentication && auth.BadBasicPassword)
        {
            return ApiResult.Detail(401, InvalidBasic);
        }
        if (route.Access == Access.Authenticated && !auth.IsAuthenticated)
        {
            return ApiResult.Detail(401, NotProvided);
        }
        // DRF authenticated this request (ping has no authentication classes, so it never counts).
        http.Items[AuthenticatedKey] = route.Access != Access.NoAuthentication && auth.IsAuthenticated;
        var method = http.Request.Method;
        // Django serves HEAD with the GET view (the body is dropped on the way out).
        var viewMethod = HttpMethods.IsHead(method) ? "GET" : method;
        var isOptions = HttpMethods.IsOptions(method);
        Func<ApiRequest, ApiResult>? handler = null;
        if (!isOptions && !route.Handlers.TryGetValue(viewMethod, out handler))
        {
            return WithAllow(ApiResult.MethodNotAllowed(method), route);
        }
        if (!isOptions && !HttpMethods.IsGet(viewMethod) && route.Access == Access.Authenticated && (!auth.CanWrite || auth.User!.NoRights))
        {
            return WithAllow(ApiResult.Forbidden(), route);
        }
        lock (sim.Store.Sync)
        {
            var now = sim.Time.GetUtcNow();
            WorkflowEngine.Advance(sim.Store, now);
            var apiRequest = new ApiRequest
            {
                Method = method,
                Prefix = router.ControllerPrefix,
                Path = path,
                Query = http.Request.Query,
                Body = body,
                ContentType = http.Request.ContentType,
                Auth = auth,
                Now = now,
                Store = sim.Store,
            };
            foreach (var (k, v) in values)
            {
                apiRequest.RouteValues[k] = v;
            }
            try
            {
                var answer = WithAllow(isOptions ? Metadata.Describe(route, router.ControllerPrefix, apiRequest) : handler!(apiRequest), route);
                if (!sim.Layout.IsGateway && path == "/api/" && answer.Status == 200)
                {
                    // ApiRootView is decorated with ensure_csrf_cookie (awx/api/views/root.py).
                    answer.Cookies.Add(SessionLogin.EnsureCsrfCookie(http.Request, sim.Store));
                }
                return answer;
            }
            catch (ApiException e)
            {
                return WithAllow(e.Result, route);
            }
#pragma warning disable CA1031 // any bug in a view must still answer like AWX's handle_500, not drop the connection
            catch (Exception e)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"simulator: {method} {path} failed: {e}");
                return ApiResult.Detail(500, "A server error has occurred.");
            }
        }
    }

    /// <summary>DRF's APIView.finalize_response puts the view's <c>Allow</c> on every answer the view gives.</summary>
    private static ApiResult WithAllow(ApiResult result, ApiRoute route)
    {
        result.Headers.TryAdd("Allow", Metadata.Allow(route));
        return result;
    }

    private async Task WriteAsync(HttpContext http, ApiResult result, long started)
    {
        var response = http.Response;
        response.StatusCode = result.Status;
        response.Headers["X-API-Product-Name"] = sim.Layout.ProductName;
        if (http.Items.TryGetValue(AuthenticatedKey, out var authenticated) && authenticated is true)
        {
            response.Headers["X-API-Product-Version"] = sim.Layout.ProductVersion;
        }
        response.Headers["X-API-Node"] = "sim-controller-1";
        response.Headers["X-API-Time"] = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s";
        if (result.Status == 401)
        {
            response.Headers.WWWAuthenticate = "Bearer realm=api authorization_url=/api/o/authorize/";
        }
        foreach (var (k, v) in result.Headers)
        {
            response.Headers[k] = v;
        }
        foreach (var cookie in result.Cookies)
        {
            response.Headers.Append("Set-Cookie", cookie);
        }
        if (result.Streamed is not null)
        {
            response.ContentType = result.ContentType;
            await result.Streamed(response.Body, http.RequestAborted).ConfigureAwait(false);
            return;
        }
        var bytes = result.BodyBytes();
        if (bytes.Length > 0 || result.Json is not null)
        {
            response.ContentType = result.ContentType;
            response.ContentLength = bytes.Length;
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
            }
        }
        else
        {
            response.ContentLength = 0;
        }
    }

    private async Task InjectAsync(HttpContext http, FaultRule fault, Authentication auth)
    {
        var path = http.Request.Path.Value ?? "/";
        if (fault.Kind == "reset")
        {
            Log(http, path, 0, auth, fault);
            http.Abort();
            return;
        }
        var result = FaultResponses.For(fault);
        Log(http, path, result.Status, auth, fault);
        await WriteAsync(http, result, Stopwatch.GetTimestamp()).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private void Log(HttpContext http, string path, int status, Authentication auth, FaultRule? fault)
        => sim.Requests.Add(new RequestLogEntry(
            http.Request.Method,
            path,
            http.Request.QueryString.Value?.TrimStart('?') ?? "",
            status,
            auth.Kind switch { AuthKind.Bearer => "Bearer", AuthKind.Basic => "Basic", AuthKind.Session => "Session", AuthKind.Other => "Other", _ => "none" },
            fault?.Kind)
        {
            Started = http.Items.TryGetValue(ArrivedKey, out var arrived) && arrived is DateTimeOffset at ? at : null,
        });
}
