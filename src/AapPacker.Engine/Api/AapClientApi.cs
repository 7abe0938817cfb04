using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Api;

/// <summary>Adapts <see cref="AapClient"/> to <see cref="IAapApi"/>.</summary>
internal sealed class AapClientApi : IAapApi
{
    private readonly AapClient _client;

    /// <summary>Wraps a connected client (not owned: disposing it stays the caller's job).</summary>
    public AapClientApi(AapClient client)
    {
        _client = client ?? throw new System.ArgumentNullException(nameof(client));
        PostRetry = new PostRetry(client.Options.Retry, client.Options.TimeProvider, client.Options.Log);
    }

    /// <inheritdoc />
    public AapConnectionInfo Info => _client.Info;

    /// <inheritdoc />
    public Task Verified => _client.Verified;

    /// <inheritdoc />
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => _client.GetAsync(path, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken) => _client.ListAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => _client.PostAsync(path, body, cancellationToken);

    /// <inheritdoc />
    public PostRetry PostRetry { get; }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string path, CancellationToken cancellationToken) => _client.DeleteAsync(path, cancellationToken);
}
