using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// Redirects are never followed (decided: refused with a clear error naming the status and the Location), so a
/// redirect to another host cannot carry the Authorization header there. Two loopback listeners on different ports
/// and host names: the first answers API discovery like AAP, then redirects the authenticated <c>me/</c> request to
/// the second, which must never be contacted.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly HttpListener _redirecting;
    private readonly HttpListener _elsewhere;
    private readonly ConcurrentQueue<string?> _elsewhereAuthorization = new();
    private readonly ConcurrentQueue<string> _redirectedWithAuthorization = new();
    private readonly Uri _redirectingUri;
    private readonly Uri _elsewhereUri;

    public RedirectTests()
    {
        _redirecting = Listen(out _redirectingUri);
        _elsewhere = Listen(out _elsewhereUri, "localhost");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Given_the_authenticated_request_redirected_to_another_host_when_connecting_then_it_is_refused_and_the_other_host_never_sees_the_token(int status)
    {
        var serving = Task.WhenAll(Serve(_redirecting, status), Serve(_elsewhere, 200));
        var options = Clients.TokenOptions(_redirectingUri);
        options.Retry = new AapRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));

        Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_elsewhereUri.Authority, error.Message, StringComparison.Ordinal); // where it wanted to send us
        Assert.DoesNotContain(Secrets.AdminToken, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/api/v2/me/", _redirectedWithAuthorization); // the token-bearing request was the redirected one
        Assert.Empty(_elsewhereAuthorization); // and not a single request reached the other host
        _redirecting.Stop();
        _elsewhere.Stop();
        await serving;
    }

    public void Dispose()
    {
        _redirecting.Close();
        _elsewhere.Close();
    }

    private async Task Serve(HttpListener listener, int status)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                return;
            }

            if (listener == _elsewhere)
            {
                _elsewhereAuthorization.Enqueue(context.Request.Headers["Authorization"]);
            }

            var path = context.Request.Url!.AbsolutePath;
            if (listener == _redirecting && path == "/api/")
            {
                // Discovery is anonymous: answer it like AWX so the client goes on to the authenticated me/.
                var body = System.Text.Encoding.UTF8.GetBytes("{\"current_version\": \"/api/v2/\", \"available_versions\": {\"v2\": \"/api/v2/\"}}");
                context.Response.ContentType = "application/json";
                context.Response.OutputStream.Write(body);
                context.Response.Close();
                continue;
            }

            if (listener == _redirecting && context.Request.Headers["Authorization"] is { Length: > 0 })
            {
                _redirectedWithAuthorization.Enqueue(path);
            }

            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = new Uri(_elsewhereUri, context.Request.Url.PathAndQuery).ToString();
            }

            context.Response.Close();
        }
    }

    private static HttpListener Listen(out Uri uri, string host = "127.0.0.1")
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        uri = new Uri($"http://{host}:{port}/");
        var listener = new HttpListener();
        listener.Prefixes.Add(uri.ToString());
        listener.Start();
        return listener;
    }
}
