using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// Redirects are never followed (decided: refused with a clear error), so a redirect to another host cannot carry
/// the Authorization header there. Two loopback listeners on different ports and host names: the second one must
/// never be contacted, with or without the header.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly HttpListener redirecting;
    private readonly HttpListener elsewhere;
    private readonly ConcurrentQueue<string?> elsewhereAuthorization = new();
    private readonly Uri redirectingUri;
    private readonly Uri elsewhereUri;

    public RedirectTests()
    {
        redirecting = Listen(out redirectingUri);
        elsewhere = Listen(out elsewhereUri, "localhost");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task Given_a_redirect_to_another_host_when_connecting_then_it_is_refused_and_the_other_host_never_sees_the_token(int status)
    {
        var serving = Task.WhenAll(Serve(redirecting, status), Serve(elsewhere, 200));

        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(Clients.TokenOptions(redirectingUri)));

        Assert.Contains($"({status})", error.Message, StringComparison.Ordinal); // the status is named; discovery says no API answered there
        Assert.DoesNotContain(Secrets.AdminToken, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(elsewhereAuthorization); // not a single request reached the other host
        redirecting.Stop();
        elsewhere.Stop();
        await serving;
    }

    public void Dispose()
    {
        redirecting.Close();
        elsewhere.Close();
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

            if (listener == elsewhere)
            {
                elsewhereAuthorization.Enqueue(context.Request.Headers["Authorization"]);
            }

            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = new Uri(elsewhereUri, context.Request.Url!.PathAndQuery).ToString();
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
