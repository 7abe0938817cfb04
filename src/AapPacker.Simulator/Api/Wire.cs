using System.Globalization;
using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Api;

/// <summary>Small helpers for building AWX-shaped JSON.</summary>
internal static class Wire
{
    /// <summary>AWX's timestamp format: microseconds, Z.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? t) => t is { } v ? Time(v) : null;

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    public static JsonArray Ints(IEnumerable<int> items) => new(items.Select(i => (JsonNode?)i).ToArray());
}
