using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Models;

namespace AapPacker.Engine.Api
{
    /// <summary>
    /// The AAP/AWX REST client: discovery, authentication, retries, paging and error mapping.
    /// Paths given to it are either relative to the API root (<c>inventories/</c>) or absolute
    /// (<c>/api/v2/inventories/?page=2</c>, as AAP's <c>next</c> links are). Every path must end with <c>/</c>
    /// before its query (AAP answers 301 otherwise); the client adds a missing one.
    /// CONTRACT STUB: the implementation is being written; signatures are stable.
    /// </summary>
    public sealed partial class AapClient : IDisposable
    {
        /// <summary>Discovers the API root, verifies the credentials with <c>GET me/</c>, and returns a ready client.</summary>
        public static Task<AapClient> ConnectAsync(AapClientOptions options, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>What the connection found (no secrets).</summary>
        public AapConnectionInfo Info { get; private set; } = new AapConnectionInfo();

        /// <summary>The options this client was built from.</summary>
        public AapClientOptions Options { get; private set; } = new AapClientOptions();

        /// <summary>GET a single JSON document. Retried on transient failures.</summary>
        public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>GET every item of a paginated list, following <c>next</c> with <c>page_size=200</c>.</summary>
        public IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>POST a JSON body (an object serialized with <see cref="AapJson.Options"/>). Never retried.</summary>
        public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>
        /// DELETE. Retried on transient failures. Returns the status (200, 202, 204, or 404 = already gone);
        /// throws <see cref="AapApiException"/> for anything else (409, 403, 400...).
        /// </summary>
        public Task<int> DeleteAsync(string path, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>Low-level send: returns status and body without throwing on HTTP error statuses.</summary>
        public Task<AapResponse> SendAsync(HttpMethod method, string path, object? body, bool retry, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <inheritdoc />
        public void Dispose() { }
    }

    /// <summary>An answer from AAP: status, body (JSON when it was JSON) and the headers the engine uses.</summary>
    public sealed class AapResponse
    {
        /// <summary>HTTP status.</summary>
        public int StatusCode { get; set; }

        /// <summary>The body as JSON, or <c>default</c> when empty or not JSON.</summary>
        public JsonElement Body { get; set; }

        /// <summary>The raw body text when it was not JSON (proxies' HTML), truncated.</summary>
        public string? RawText { get; set; }

        /// <summary>The Location header, when present.</summary>
        public string? Location { get; set; }
    }

    /// <summary>JSON settings shared by the engine: snake_case names as AAP uses them.</summary>
    public static class AapJson
    {
        /// <summary>Serializer options for AAP bodies.</summary>
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
