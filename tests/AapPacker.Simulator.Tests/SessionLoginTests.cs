using System.Net;
using System.Text;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

/// <summary>
/// <c>/api/login/</c> as the awx CLI (awxkit <c>Connection.login</c>) uses it: GET <c>/api/</c> for the csrftoken
/// cookie, POST the form with <c>X-CSRFToken</c>, then the <c>awx_sessionid</c> cookie authenticates and writes need the
/// CSRF header (DRF SessionAuthentication). Cookies are carried by hand: the harness keeps none.
/// </summary>
public sealed class SessionLoginTests : SimTestBase
{
    private static string CookieValue(HttpResponseMessage m, string name)
    {
        var set = m.Headers.TryGetValues("Set-Cookie", out var v) ? v : [];
        var cookie = set.Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        return cookie[(name.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie, HttpContent? content = null, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRFToken", csrf);
        }
        return await S.Http.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string username, string password, string? csrfField = null)
    {
        var fields = new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["next"] = "/api/" };
        if (csrfField is not null)
        {
            fields["csrfmiddlewaretoken"] = csrfField;
        }
        return new FormUrlEncodedContent(fields);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_awx_cli_login_gives_a_session_cookie_that_authenticates_and_writes_need_the_csrf_header()
    {
        using var root = await SendAsync(HttpMethod.Get, "/api/", null);
        var csrf = CookieValue(root, "csrftoken");
        using var login = await SendAsync(HttpMethod.Post, "/api/login/", $"csrftoken={csrf}", Form("admin", "password"), csrf);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/api/", login.Headers.Location!.OriginalString);
        Assert.Equal("awx_sessionid", login.Headers.GetValues("X-API-Session-Cookie-Name").Single());
        var session = CookieValue(login, "awx_sessionid");
        var rotated = CookieValue(login, "csrftoken");
        Assert.NotEqual(csrf, rotated);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("awx_sessionid=", StringComparison.Ordinal) && c.Contains("HttpOnly", StringComparison.Ordinal) && c.Contains("Secure", StringComparison.Ordinal));

        var jar = $"csrftoken={rotated}; awx_sessionid={session}";
        using var me = await SendAsync(HttpMethod.Get, S.Api("me/"), jar);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"username\":\"admin\"", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await SendAsync(HttpMethod.Post, S.Api("inventories/"), jar, Json("{\"name\": \"s1\", \"organization\": 1}"));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("CSRF Failed: CSRF token missing.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var wrong = await SendAsync(HttpMethod.Post, S.Api("inventories/"), jar, Json("{\"name\": \"s1\", \"organization\": 1}"), csrf);
        Assert.Contains("CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var created = await SendAsync(HttpMethod.Post, S.Api("inventories/"), jar, Json("{\"name\": \"s1\", \"organization\": 1}"), rotated);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await S.GetAsync(S.Api("inventories/?name=s1")))["count"].GetValue<int>());
    }

    [Fact]
    public async Task The_login_form_carries_the_token_and_bad_posts_are_refused_like_django()
    {
        using var form = await SendAsync(HttpMethod.Get, "/api/login/", null);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType!.MediaType);
        var csrf = CookieValue(form, "csrftoken");
        Assert.Contains($"name=\"csrfmiddlewaretoken\" value=\"{csrf}\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noCookie = await SendAsync(HttpMethod.Post, "/api/login/", null, Form("admin", "password", csrf));
        Assert.Equal(HttpStatusCode.Forbidden, noCookie.StatusCode);
        Assert.Contains("CSRF verification failed", await noCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badPassword = await SendAsync(HttpMethod.Post, "/api/login/", $"csrftoken={csrf}", Form("admin", "nope", csrf));
        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.StatusCode);
        Assert.False(badPassword.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("awx_sessionid=", StringComparison.Ordinal)));
        using var byField = await SendAsync(HttpMethod.Post, "/api/login/", $"csrftoken={csrf}", Form("admin", "password", csrf));
        Assert.Equal(HttpStatusCode.Found, byField.StatusCode);

        using var forged = await SendAsync(HttpMethod.Get, S.Api("me/"), "awx_sessionid=forged");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Through_the_gateway_session_login_is_refused_as_aap_does()
    {
        await using var g = await SimHarness.StartAsync("gateway");
        using var get = await g.Http.GetAsync(new Uri("/api/controller/login/?next=/api/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, get.StatusCode);
        Assert.Equal("/?next=/api/", get.Headers.Location!.OriginalString);
        using var post = await g.Http.PostAsync(new Uri("/api/controller/login/", UriKind.Relative), Form("admin", "password"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Contains("Please log in via Platform Authentication.", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await g.GetAsync("/api/login/", SimHarness.Anonymous)).Status);
    }
}
