using System;
using System.Globalization;
using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>One server's entry in <see cref="ApiRootCache"/>: what discovery found, and when. No secret, no user name.</summary>
internal sealed class ApiRootCacheEntry
{
    private static readonly char[] NotInRoot = { '?', '#', '\\', ' ', ':' };

    public ApiRootCacheEntry(string apiRoot, string flavor, string? productName, DateTimeOffset writtenAt)
    {
        ApiRoot = apiRoot;
        Flavor = flavor;
        ProductName = productName;
        WrittenAt = writtenAt;
    }

    /// <summary>The controller API root, e.g. <c>/api/controller/v2/</c>.</summary>
    public string ApiRoot { get; }

    /// <summary>What discovery called the server (<see cref="ApiDiscovery.Gateway"/> and the others).</summary>
    public string Flavor { get; }

    /// <summary><c>X-API-Product-Name</c>, when the server sent it.</summary>
    public string? ProductName { get; }

    /// <summary>When the root was discovered.</summary>
    public DateTimeOffset WrittenAt { get; }

    /// <summary>As discovery's result.</summary>
    public DiscoveredApi ToDiscovered() => new DiscoveredApi(ApiRoot, Flavor, ProductName);

    /// <summary>Reads an entry; null when it is not a usable one (e.g. a root that is not an absolute API path).</summary>
    public static ApiRootCacheEntry? FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object ||
            AapErrors.GetString(element, "apiRoot") is not string apiRoot || !IsApiRoot(apiRoot) ||
            AapErrors.GetString(element, "flavor") is not string flavor || !IsFlavor(flavor) ||
            AapErrors.GetString(element, "writtenAt") is not string written ||
            !DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var writtenAt))
        {
            return null;
        }

        var productName = AapErrors.GetString(element, "productName");
        return new ApiRootCacheEntry(apiRoot, flavor, string.IsNullOrEmpty(productName) ? null : productName, writtenAt);
    }

    /// <summary>Writes the entry as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WriteStartObject();
        writer.WriteString("apiRoot", ApiRoot);
        writer.WriteString("flavor", Flavor);
        if (ProductName != null)
        {
            writer.WriteString("productName", ProductName);
        }

        writer.WriteString("writtenAt", WrittenAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    /// <summary>An API path such as <c>/api/v2/</c>: rooted, ending with a slash, no query, host or <c>..</c>.</summary>
    private static bool IsApiRoot(string path)
        => path.Length > 1 && path.Length <= 200 && path[0] == '/' && path[path.Length - 1] == '/' && !path.StartsWith("//", StringComparison.Ordinal)
            && path.IndexOfAny(NotInRoot) < 0 && path.IndexOf("..", StringComparison.Ordinal) < 0;

    private static bool IsFlavor(string flavor)
        => flavor == ApiDiscovery.Gateway || flavor == ApiDiscovery.Controller || flavor == ApiDiscovery.Awx;
}
