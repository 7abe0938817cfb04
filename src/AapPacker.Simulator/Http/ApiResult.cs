using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Http;

/// <summary>What a handler answers: a status, an optional JSON or text body, extra headers.</summary>
internal sealed class ApiResult
{
    public int Status { get; init; } = 200;
    public JsonNode? Json { get; init; }
    public string? Text { get; init; }
    public string ContentType { get; init; } = "application/json";
    public Func<Stream, CancellationToken, Task>? Streamed { get; init; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Set-Cookie values, one header each.</summary>
    public List<string> Cookies { get; } = [];

    public static ApiResult Ok(JsonNode body) => new() { Json = body };
    public static ApiResult Created(JsonNode body, string location)
    {
        var r = new ApiResult { Status = 201, Json = body };
        r.Headers["Location"] = location;
        return r;
    }
    public static ApiResult Empty(int status) => new() { Status = status };
    public static ApiResult Detail(int status, string detail) => new() { Status = status, Json = new JsonObject { ["detail"] = detail } };
    public static ApiResult Error(int status, string error) => new() { Status = status, Json = new JsonObject { ["error"] = error } };
    public static ApiResult NotFound(string model) => Detail(404, $"No {model} matches the given query.");
    public static ApiResult UnknownPath() => Detail(404, "The requested resource could not be found.");
    public static ApiResult Forbidden() => Detail(403, "You do not have permission to perform this action.");
    public static ApiResult MethodNotAllowed(string method) => Detail(405, $"Method \"{method}\" not allowed.");
    public static ApiResult PlainText(string text, string contentType = "text/plain; charset=utf-8") => new() { Text = text, ContentType = contentType };

    /// <summary>A DRF validation error: field → list of messages.</summary>
    public static ApiResult FieldErrors(IDictionary<string, List<string>> errors)
    {
        var o = new JsonObject();
        foreach (var (field, messages) in errors)
        {
            o[field] = new JsonArray(messages.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray());
        }
        return new ApiResult { Status = 400, Json = o };
    }

    public static ApiResult FieldError(string field, string message)
        => FieldErrors(new Dictionary<string, List<string>> { [field] = [message] });

    /// <summary>Django's JSON renderer does not HTML-escape (<c>&amp;</c> stays <c>&amp;</c> in <c>next</c> links).</summary>
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] BodyBytes() => Json is not null
        ? Encoding.UTF8.GetBytes(Json.ToJsonString(Output))
        : Text is not null ? Encoding.UTF8.GetBytes(Text) : [];
}

/// <summary>Thrown by handlers to end a request early with a prepared answer.</summary>
#pragma warning disable CA1032 // internal control-flow exception; the standard constructors would be meaningless
internal sealed class ApiException(ApiResult result) : Exception("API answer " + result.Status)
#pragma warning restore CA1032
{
    public ApiResult Result { get; } = result;
}
