using System.Net;
using System.Security.Cryptography;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AapPacker.Simulator.Auth;

/// <summary>
/// Session login as AWX serves it (the awx CLI's username/password login: awxkit <c>Connection.login</c> GETs
/// <c>/api/</c> for the <c>csrftoken</c> cookie, then POSTs the form to <c>/api/login/</c> with <c>X-CSRFToken</c>).
/// <c>LoggedLoginView</c> (<c>awx/api/generics.py</c>) is Django's LoginView behind CsrfViewMiddleware: GET renders the
/// form and sets <c>csrftoken</c>; POST needs the cookie and the same token (form field <c>csrfmiddlewaretoken</c> or
/// header <c>X-CSRFToken</c>), else 403 "CSRF verification failed"; good credentials answer 302 to <c>next</c> with
/// <c>awx_sessionid</c> (<c>SESSION_COOKIE_AGE</c> 1800), <c>userLoggedIn=true</c> and <c>X-API-Session-Cookie-Name</c>;
/// bad ones re-render the form with 401. Both cookies are <c>Secure</c> (<c>SESSION_COOKIE_SECURE</c>,
/// <c>CSRF_COOKIE_SECURE</c> in <c>awx/settings/defaults.py</c>). Through the gateway the view refuses: GET redirects to
/// <c>/</c>, POST is 401 "Please log in via Platform Authentication." (<c>is_proxied_request</c>).
/// </summary>
internal static class SessionLogin
{
    public const string SessionCookie = "awx_sessionid";
    public const string CsrfCookie = "csrftoken";

    /// <summary>The login path of a layout: <c>/api/login/</c>, or through the gateway <c>/api/controller/login/</c>.</summary>
    public static string LoginPath(Layout layout) => layout.IsGateway ? "/api/controller/login/" : "/api/login/";

    /// <summary>Answers the login view, or null when <paramref name="path"/> is not it.</summary>
    public static ApiResult? TryHandle(HttpRequest request, string path, byte[] body, Layout layout, SimStore store)
    {
        var login = LoginPath(layout);
        if (path == login.TrimEnd('/'))
        {
            var redirect = ApiResult.Empty(301);
            redirect.Headers["Location"] = login + request.QueryString.Value;
            return redirect;
        }
        if (path != login)
        {
            return null;
        }
        var proxied = login != "/api/login/";
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (proxied)
            {
                var next = request.Query["next"].ToString();
                var away = ApiResult.Empty(302);
                away.Headers["Location"] = "/" + (next.Length > 0 ? "?next=" + next : "");
                return away;
            }
            var form = Form(store, request, request.Query["next"].ToString(), 200, error: null);
            return form;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            var refused = new ApiResult { Status = 405, Text = "", ContentType = "text/html; charset=utf-8" };
            refused.Headers["Allow"] = "GET, POST, HEAD, OPTIONS";
            return refused;
        }
        if (proxied)
        {
            return ApiResult.Detail(401, "Please log in via Platform Authentication.");
        }
        var fields = ParseForm(request, body);
        var csrf = CheckCsrf(request, fields.GetValueOrDefault("csrfmiddlewaretoken"));
        if (csrf is not null)
        {
            return new ApiResult
            {
                Status = 403,
                ContentType = "text/html; charset=utf-8",
                Text = $"<html><head><title>403 Forbidden</title></head><body><h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p><p>{WebUtility.HtmlEncode(csrf)}</p></body></html>",
            };
        }
        var username = fields.GetValueOrDefault("username") ?? "";
        var password = fields.GetValueOrDefault("password") ?? "";
        var nextPath = fields.GetValueOrDefault("next") ?? "";
        var user = store.Users.FirstOrDefault(u => u.Username == username && u.Password == password);
        if (user is null)
        {
            return Form(store, request, nextPath, 401,
                "Please enter a correct username and password. Note that both fields may be case-sensitive.");
        }
        var key = NewSecret();
        store.Sessions[key] = user.Id;
        var ok = ApiResult.Empty(302);
        // Django's url_has_allowed_host_and_scheme: only a local path is followed, else LOGIN_REDIRECT_URL.
        ok.Headers["Location"] = nextPath.StartsWith('/') && !nextPath.StartsWith("//", StringComparison.Ordinal) ? nextPath : "/api/";
        ok.Headers["X-API-Session-Cookie-Name"] = SessionCookie;
        // Django rotates the CSRF secret at login.
        ok.Cookies.Add(CsrfCookieHeader(store, NewCsrf(store)));
        ok.Cookies.Add($"{SessionCookie}={key}; HttpOnly; Max-Age=1800; Path=/; SameSite=Lax; Secure");
        ok.Cookies.Add("userLoggedIn=true; Path=/; SameSite=Lax; Secure");
        return ok;
    }

    /// <summary>The user of a valid <c>awx_sessionid</c> cookie, or null.</summary>
    public static SimUser? SessionUser(HttpRequest request, SimStore store)
        => request.Cookies.TryGetValue(SessionCookie, out var key) && store.Sessions.TryGetValue(key, out var id)
            ? store.Users.FirstOrDefault(u => u.Id == id)
            : null;

    /// <summary>
    /// DRF <c>SessionAuthentication.enforce_csrf</c> for a session-authenticated unsafe method: the reason of Django's
    /// CsrfViewMiddleware when the <c>X-CSRFToken</c> header does not match the <c>csrftoken</c> cookie, else null.
    /// </summary>
    public static string? CheckCsrf(HttpRequest request, string? formToken = null)
    {
        if (!request.Cookies.TryGetValue(CsrfCookie, out var cookie) || cookie.Length == 0)
        {
            return "CSRF cookie not set.";
        }
        var header = request.Headers["X-CSRFToken"].ToString();
        if (header.Length == 0 && string.IsNullOrEmpty(formToken))
        {
            return "CSRF token missing.";
        }
        if (header.Length > 0)
        {
            return header == cookie ? null : "CSRF token from the 'X-Csrftoken' HTTP header incorrect.";
        }
        return formToken == cookie ? null : "CSRF token from POST incorrect.";
    }

    /// <summary><c>ensure_csrf_cookie</c> (AWX's API root): the client's secret renewed, or a new one.</summary>
    public static string EnsureCsrfCookie(HttpRequest request, SimStore store)
        => CsrfCookieHeader(store, request.Cookies.TryGetValue(CsrfCookie, out var existing) && existing.Length > 0 ? existing : NewCsrf(store));

    private static string CsrfCookieHeader(SimStore store, string secret)
    {
        store.CsrfSecrets.Add(secret);
        return $"{CsrfCookie}={secret}; Path=/; SameSite=Lax; Secure";
    }

    private static string NewCsrf(SimStore store)
    {
        var secret = NewSecret();
        store.CsrfSecrets.Add(secret);
        return secret;
    }

    private static string NewSecret()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return new string(Enumerable.Range(0, 32).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    private static Dictionary<string, string> ParseForm(HttpRequest request, byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return fields;
        }
        foreach (var (k, v) in QueryHelpers.ParseQuery("?" + System.Text.Encoding.UTF8.GetString(body)))
        {
            fields[k] = v.ToString();
        }
        return fields;
    }

    /// <summary>The login form (rest_framework/login.html), with the CSRF token in a hidden field.</summary>
    private static ApiResult Form(SimStore store, HttpRequest request, string next, int status, string? error)
    {
        var cookie = EnsureCsrfCookie(request, store);
        var token = cookie[(CsrfCookie.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        var html = "<!DOCTYPE html><html><head><title>AWX REST API</title></head><body>"
                   + "<form action=\"/api/login/\" role=\"form\" method=\"post\">"
                   + $"<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"{token}\">"
                   + $"<input type=\"hidden\" name=\"next\" value=\"{WebUtility.HtmlEncode(next.Length > 0 ? next : "/api/")}\" />"
                   + (error is null ? "" : $"<p class=\"text-error\">{WebUtility.HtmlEncode(error)}</p>")
                   + "<input type=\"text\" name=\"username\" maxlength=\"100\" id=\"id_username\" required>"
                   + "<input type=\"password\" name=\"password\" maxlength=\"100\" id=\"id_password\" required>"
                   + "<button type=\"submit\">Log in</button></form></body></html>";
        var result = new ApiResult { Status = status, Text = html, ContentType = "text/html; charset=utf-8" };
        result.Cookies.Add(cookie);
        return result;
    }
}
