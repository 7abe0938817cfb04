using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The slice of <see cref="AapClient"/> the lifecycle uses. An interface so each lifecycle piece can be driven by a
/// scripted fake in unit tests; <see cref="AapClientApi"/> adapts the real client.
/// </summary>
public interface IAapApi
{
    /// <summary>What the connection found (API root, flavor, base URI).</summary>
    AapConnectionInfo Info { get; }

    /// <summary>GET one document (retried on transient failures).</summary>
    Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>GET every item of a list, following <c>next</c>.</summary>
    IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken);

    /// <summary>POST, one attempt; wrap it in <see cref="PostRetry"/> to make a create or launch safe to retry.</summary>
    Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken);

    /// <summary>The client's retry budget for POSTs that can be reconciled (create-or-adopt, launch-or-find).</summary>
    PostRetry PostRetry { get; }

    /// <summary>DELETE: 200/202/204, or 404 when already gone; throws for anything else.</summary>
    Task<int> DeleteAsync(string path, CancellationToken cancellationToken);
}

/// <summary>Adapts <see cref="AapClient"/> to <see cref="IAapApi"/>.</summary>
public sealed class AapClientApi : IAapApi
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
