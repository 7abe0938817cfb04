using System.Globalization;
using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Http;

/// <summary>DRF page-number pagination as AWX configures it: page_size default 25, capped silently at 200.</summary>
internal static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>A page window over <paramref name="count"/> items: where it starts, its size, and the links.</summary>
    public static (int Start, int Size, string? Next, string? Previous) Window(ApiRequest request, int count)
    {
        var size = PageSize(request);
        var pages = Math.Max(1, (count + size - 1) / size);
        var pageText = request.QueryValue("page");
        int page;
        if (pageText is null)
        {
            page = 1;
        }
        else if (pageText == "last")
        {
            page = pages;
        }
        else if (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages)
        {
            throw new ApiException(ApiResult.Detail(404, "Invalid page."));
        }
        var next = page < pages ? Link(request, page + 1) : null;
        var previous = page > 1 ? Link(request, page - 1) : null;
        return ((page - 1) * size, size, next, previous);
    }

    public static int PageSize(ApiRequest request)
    {
        var text = request.QueryValue("page_size");
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            return DefaultPageSize;
        }
        return Math.Min(size, MaxPageSize);
    }

    public static JsonObject Page(ApiRequest request, IReadOnlyList<JsonObject> items)
    {
        var (start, size, next, previous) = Window(request, items.Count);
        var results = new JsonArray(items.Skip(start).Take(size).Select(i => (JsonNode)i).ToArray());
        if (request.Query.ContainsKey("count_disabled"))
        {
            return new JsonObject { ["results"] = results };
        }
        return new JsonObject { ["count"] = items.Count, ["next"] = next, ["previous"] = previous, ["results"] = results };
    }

    /// <summary>
    /// The relative link DRF builds: the request path, its query with keys sorted and <c>page</c> replaced
    /// (removed for page 1), and <c>page_size</c> rewritten to 200 when the request asked for more.
    /// </summary>
    private static string Link(ApiRequest request, int page)
    {
        var query = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Select(v => v ?? "").ToList();
        }
        if (request.QueryValue("page_size") is { } ps && int.TryParse(ps, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > MaxPageSize)
        {
            query["page_size"] = [MaxPageSize.ToString(CultureInfo.InvariantCulture)];
        }
        if (page == 1)
        {
            query.Remove("page");
        }
        else
        {
            query["page"] = [page.ToString(CultureInfo.InvariantCulture)];
        }
        var qs = string.Join("&", query.SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v))));
        return qs.Length == 0 ? request.Path : request.Path + "?" + qs;
    }
}
