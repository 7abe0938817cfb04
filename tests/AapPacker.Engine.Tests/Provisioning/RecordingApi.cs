using AapPacker.Engine.Api;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>An <see cref="IAapApi"/> over a real one that records every POST body as JSON (what AAP was sent).</summary>
internal sealed class RecordingApi(IAapApi inner) : IAapApi
{
    public List<(string Path, JsonElement Body)> Posts { get; } = [];

    public AapConnectionInfo Info => inner.Info;


    public Task Verified => inner.Verified;

    public PostRetry PostRetry => inner.PostRetry;

    /// <summary>The one body POSTed to a path ending with <paramref name="suffix"/> (e.g. <c>/hosts/</c>).</summary>
    public JsonElement PostedTo(string suffix) => Assert.Single(Posts, p => p.Path.EndsWith(suffix, StringComparison.Ordinal)).Body;

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => inner.GetAsync(path, cancellationToken);

    public IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        lock (Posts)
        {
            Posts.Add((path, JsonSerializer.SerializeToElement(body)));
        }
        return inner.PostAsync(path, body, cancellationToken);
    }

    public Task<int> DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
}
