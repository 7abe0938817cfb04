using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>JSON settings shared by the engine: snake_case names as AAP uses them.</summary>
internal static class AapJson
{
    /// <summary>Serializer options for AAP bodies.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
