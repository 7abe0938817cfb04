using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Api;

/// <summary>
/// The slice of <see cref="AapClient"/> the lifecycle uses. An interface so each lifecycle piece can be driven by a
/// scripted fake in unit tests; <see cref="AapClientApi"/> adapts the real client.
/// </summary>
internal interface IAapApi
{
    /// <summary>What the connection found (API root, flavor, base URI).</summary>
    AapConnectionInfo Info { get; }

    /// <summary>Completes when the credentials were verified (<see cref="AapClient.Verified"/>); faults with why not.</summary>
    Task Verified { get; }

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
