using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AapPacker.Simulator.Http;

/// <summary>
/// AWX's field lookup filter and <c>order_by</c>, applied to the serialized objects:
/// <c>?field=v</c>, <c>?field__lookup=v</c>, <c>not__</c>, related names through summary_fields
/// (<c>organization__name</c>). Unknown fields are a 400 <c>{"detail": ...}</c> like Django's FieldError.
/// </summary>
internal static class ListFilter
{
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "page", "page_size", "order_by", "order", "search", "format", "limit", "count_disabled", "no_truncate", "role_level",
    };

    private static readonly HashSet<string> Lookups = new HashSet<string>(StringComparer.Ordinal)
    {
        "exact", "iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith",
        "regex", "iregex", "gt", "gte", "lt", "lte", "isnull", "in",
    };

    /// <summary>Secret or <c>__prevent_search__</c> fields: filtering or ordering on them is a 403.</summary>
    private static readonly HashSet<string> Protected = new(StringComparer.Ordinal)
    {
        "extra_vars", "inputs", "job_env", "artifacts", "password", "survey_spec", "event_data",
    };

    /// <summary>Fields of the representation that are not model fields.</summary>
    private static readonly HashSet<string> NotFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "related", "summary_fields", "url", "type",
    };

    /// <param name="prototype">Builds one blank object so that filter keys are checked even when the list is empty.</param>
    /// <param name="model">The Django model name for error texts ("Inventory has no field named 'x'").</param>
    public static IEnumerable<JsonObject> Apply(ApiRequest request, string model, IEnumerable<JsonObject> items, string defaultOrder, Func<JsonObject>? prototype = null)
    {
        var list = items.ToList();
        // A mixed list (unified_jobs/) knows the fields of every kind it holds.
        var fields = list.Count > 0 ? list.SelectMany(FieldNames).ToHashSet(StringComparer.Ordinal) : prototype is null ? null : FieldNames(prototype());
        // django-ansible-base FieldLookupBackend.filter_queryset (rest_filters/rest_framework/field_lookup_backend.py):
        // plain and chain__ keys are ANDed, every or__ key joins one OR group (ANDed with the rest); not__ may
        // follow or__/chain__ and negates that one term.
        var orTerms = new List<Func<JsonObject, bool>>();
        foreach (var (rawKey, values) in request.Query)
        {
            if (ReservedKeys.Contains(rawKey))
            {
                continue;
            }
            var key = rawKey;
            var isOr = false;
            if (key.StartsWith("chain__", StringComparison.Ordinal))
            {
                key = key[7..];
            }
            else if (key.StartsWith("or__", StringComparison.Ordinal))
            {
                key = key[4..];
                isOr = true;
            }
            var negate = false;
            if (key.StartsWith("not__", StringComparison.Ordinal))
            {
                negate = true;
                key = key[5..];
            }
            var parts = key.Split("__");
            var lookup = "exact";
            if (parts.Length > 1 && Lookups.Contains(parts[^1]))
            {
                lookup = parts[^1];
                parts = parts[..^1];
            }
            if (Protected.Contains(parts[0]))
            {
                throw new ApiException(ApiResult.Detail(403, $"Filtering on {parts[0]} is not allowed."));
            }
            if (fields is not null && !fields.Contains(parts[0]))
            {
                throw new ApiException(ApiResult.Detail(400, $"{model} has no field named '{parts[0]}'"));
            }
            var captured = parts;
            foreach (var value in values.Select(v => v ?? ""))
            {
                bool Term(JsonObject item) => Matches(Resolve(item, captured), lookup, value) != negate;
                if (isOr)
                {
                    orTerms.Add(Term);
                }
                else
                {
                    list = list.Where(Term).ToList();
                }
            }
        }
        if (orTerms.Count > 0)
        {
            list = list.Where(item => orTerms.Any(t => t(item))).ToList();
        }
        var search = request.QueryValue("search");
        if (!string.IsNullOrEmpty(search))
        {
            list = list.Where(i => Text(i["name"]).Contains(search, StringComparison.OrdinalIgnoreCase)
                                   || Text(i["description"]).Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return Order(list, request.QueryValue("order_by") ?? request.QueryValue("order") ?? defaultOrder, fields);
    }

    private static List<JsonObject> Order(List<JsonObject> list, string orderBy, HashSet<string>? fields)
    {
        var keys = orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!keys.Contains("id") && !keys.Contains("-id"))
        {
            keys.Add("id");
        }
        foreach (var k in keys)
        {
            var name = k.TrimStart('-');
            if (Protected.Contains(name))
            {
                throw new ApiException(ApiResult.Detail(403, $"Filtering on {name} is not allowed."));
            }
            if (fields is not null && !fields.Contains(name))
            {
                throw new ApiException(ApiResult.Detail(400,
                    $"Cannot resolve keyword '{name}' into field. Choices are: {string.Join(", ", fields.Order(StringComparer.Ordinal))}"));
            }
        }
        list.Sort((a, b) =>
        {
            foreach (var k in keys)
            {
                var desc = k.StartsWith('-');
                var name = k.TrimStart('-');
                var c = Compare(a[name], b[name]);
                if (c != 0)
                {
                    return desc ? -c : c;
                }
            }
            return 0;
        });
        return list;
    }

    private static HashSet<string> FieldNames(JsonObject sample)
        => sample.Select(p => p.Key).Where(k => !NotFields.Contains(k)).ToHashSet(StringComparer.Ordinal);

    private static JsonNode? Resolve(JsonObject item, string[] parts)
    {
        if (parts.Length == 1)
        {
            return item[parts[0]];
        }
        JsonNode? node = item["summary_fields"]?[parts[0]];
        foreach (var p in parts.Skip(1))
        {
            node = node is JsonObject o ? o[p] : null;
        }
        return node;
    }

    private static bool Matches(JsonNode? node, string lookup, string value)
    {
        var text = Text(node);
        return lookup switch
        {
            "exact" => Exact(node, value),
            "iexact" => string.Equals(text, value, StringComparison.OrdinalIgnoreCase),
            "contains" => text.Contains(value, StringComparison.Ordinal),
            "icontains" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
            "startswith" => text.StartsWith(value, StringComparison.Ordinal),
            "istartswith" => text.StartsWith(value, StringComparison.OrdinalIgnoreCase),
            "endswith" => text.EndsWith(value, StringComparison.Ordinal),
            "iendswith" => text.EndsWith(value, StringComparison.OrdinalIgnoreCase),
            "regex" => Regex.IsMatch(text, value, RegexOptions.None, TimeSpan.FromSeconds(1)),
            "iregex" => Regex.IsMatch(text, value, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)),
            "gt" => node is not null && CompareTo(node, value) > 0,
            "gte" => node is not null && CompareTo(node, value) >= 0,
            "lt" => node is not null && CompareTo(node, value) < 0,
            "lte" => node is not null && CompareTo(node, value) <= 0,
            "isnull" => (node is null) == ParseBool(value),
            "in" => value.Split(',').Any(v => Exact(node, v)),
            _ => false,
        };
    }

    private static bool Exact(JsonNode? node, string value)
    {
        if (node is null)
        {
            return value is "None" or "Null" or "null";
        }
        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>() == ParseBool(value);
        }
        if (node.GetValueKind() == JsonValueKind.Number)
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? Number(node).Equals(d)
                : throw new ApiException(ApiResult.Detail(400, $"Field '{value}' expected a number but got '{value}'."));
        }
        return string.Equals(Text(node), value, StringComparison.Ordinal);
    }

    private static bool ParseBool(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => throw new ApiException(ApiResult.Detail(400, $"'{value}' value must be either True or False.")),
    };

    private static int CompareTo(JsonNode node, string value)
    {
        if (node.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return Number(node).CompareTo(d);
        }
        if (DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b))
        {
            return a.CompareTo(b);
        }
        return string.CompareOrdinal(Text(node), value);
    }

    private static int Compare(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }
        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return Number(a).CompareTo(Number(b));
        }
        return string.CompareOrdinal(Text(a), Text(b));
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
