using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Store;
using Microsoft.AspNetCore.Http;

namespace AapPacker.Simulator.Http;

/// <summary>One API request as a handler sees it (already authenticated and routed; the store lock is held).</summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }
    /// <summary>The controller API root this request came through, e.g. <c>/api/v2/</c> or <c>/api/controller/v2/</c>.</summary>
    public required string Prefix { get; init; }
    /// <summary>The full request path, e.g. <c>/api/v2/hosts/</c>.</summary>
    public required string Path { get; init; }
    public required IQueryCollection Query { get; init; }
    public required byte[] Body { get; init; }
    public string? ContentType { get; init; }
    public required Authentication Auth { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required SimStore Store { get; init; }
    public Dictionary<string, string> RouteValues { get; } = new(StringComparer.Ordinal);

    public SimUser User => Auth.User ?? throw new InvalidOperationException("Handler reached without a user.");

    public int Id(string name = "id") => int.Parse(RouteValues[name], CultureInfo.InvariantCulture);

    public string? QueryValue(string key) => Query.TryGetValue(key, out var v) ? v.ToString() : null;

    /// <summary>An absolute path under the API root, e.g. <c>Url("inventories", 5)</c> → <c>/api/v2/inventories/5/</c>.</summary>
    public string Url(string collection, int? id = null, string? sub = null)
    {
        var sb = new StringBuilder(Prefix).Append(collection).Append('/');
        if (id is not null)
        {
            sb.Append(id.Value.ToString(CultureInfo.InvariantCulture)).Append('/');
        }
        if (sub is not null)
        {
            sb.Append(sub).Append('/');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The body as a JSON object, parsed the way AWX's JSONParser does: 415 for another content type,
    /// 400 "JSON parse error - ..." for bad JSON, an empty object for an empty body.
    /// </summary>
    public JsonObject ReadObject()
    {
        if (Body.Length == 0)
        {
            return [];
        }
        var mediaType = (ContentType ?? "").Split(';')[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(ApiResult.Detail(415,
                "You did not use correct Content-Type in your HTTP request. If you are using our REST API, the Content-Type must be application/json"));
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(Body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ApiException(ApiResult.Detail(400, $"JSON parse error - {FirstSentence(e.Message)}\nPossible cause: trailing comma."));
        }
        if (node is not JsonObject obj)
        {
            throw new ApiException(ApiResult.Detail(400, "JSON parse error - not a JSON object"));
        }
        return obj;
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
