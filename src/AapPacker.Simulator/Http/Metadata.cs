using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Api;
using Microsoft.AspNetCore.Http;

namespace AapPacker.Simulator.Http;

/// <summary>
/// OPTIONS as AWX answers it (<c>awx/api/metadata.py</c>: <c>Metadata.determine_metadata</c> over DRF's
/// SimpleMetadata): <c>name</c>, <c>description</c>, <c>renders</c>, <c>parses</c>, <c>actions</c> (GET: the fields of
/// the representation, without required/default/max_length; POST/PUT: the writable fields with type, required, label,
/// help_text, max_length, default, choices, filterable — only when this caller may use that method), plus
/// <c>types</c>, <c>search_fields</c> and, on lists, <c>max_page_size</c>. The <c>Allow</c> header is the view's methods.
/// </summary>
internal static class Metadata
{
    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>DRF's allowed_methods in http_method_names order; HEAD when GET exists (Django's View.setup), always OPTIONS.</summary>
    public static string Allow(ApiRoute route)
    {
        var methods = MethodOrder.Where(route.Handlers.ContainsKey).ToList();
        if (route.Handlers.ContainsKey("GET"))
        {
            methods.Add("HEAD");
        }
        methods.Add("OPTIONS");
        return string.Join(", ", methods);
    }

    public static ApiResult Describe(ApiRoute route, string controllerPrefix, ApiRequest request)
    {
        var relative = route.Pattern.StartsWith(controllerPrefix, StringComparison.Ordinal) ? route.Pattern[controllerPrefix.Length..] : route.Pattern;
        var isList = !route.Pattern.EndsWith("}/", StringComparison.Ordinal) && route.Handlers.ContainsKey("GET");
        var sample = Sample(route, request);
        var o = new JsonObject
        {
            ["name"] = ViewName(relative),
            ["description"] = $"Serves {request.Path} ({Allow(route)}).",
            ["renders"] = new JsonArray("application/json", "text/html"),
            ["parses"] = new JsonArray("application/json"),
        };
        var actions = new JsonObject();
        if (sample is not null)
        {
            actions["GET"] = GetFields(sample);
        }
        var mayWrite = request.Auth.CanWrite && !request.User.NoRights;
        foreach (var method in new[] { "POST", "PUT" })
        {
            if (mayWrite && route.Handlers.ContainsKey(method) && WriteFields.For(relative, method) is { } fields)
            {
                var post = new JsonObject();
                foreach (var f in fields)
                {
                    post[f.Name] = f.ToJson();
                }
                actions[method] = post;
            }
        }
        if (actions.Count > 0)
        {
            o["actions"] = actions;
        }
        if (sample?["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
        {
            o["types"] = new JsonArray(type.GetValue<string>());
        }
        if (isList && sample is not null && sample.ContainsKey("name"))
        {
            o["search_fields"] = new JsonArray("description", "name");
        }
        if (isList)
        {
            o["max_page_size"] = Paging.MaxPageSize;
        }
        return ApiResult.Ok(o);
    }

    /// <summary>One object as the GET view shows it: the detail, or the first item of the list.</summary>
    private static JsonObject? Sample(ApiRoute route, ApiRequest request)
    {
        if (!route.Handlers.TryGetValue("GET", out var get))
        {
            return null;
        }
        try
        {
            var probe = new ApiRequest
            {
                Method = "GET",
                Prefix = request.Prefix,
                Path = request.Path,
                Query = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["page_size"] = "1" }),
                Body = [],
                Auth = request.Auth,
                Now = request.Now,
                Store = request.Store,
            };
            foreach (var (k, v) in request.RouteValues)
            {
                probe.RouteValues[k] = v;
            }
            var answer = get(probe).Json as JsonObject;
            if (answer?["results"] is JsonArray results)
            {
                return results.FirstOrDefault() as JsonObject;
            }
            return answer;
        }
        catch (ApiException)
        {
            return null;
        }
    }

    private static JsonObject GetFields(JsonObject sample)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in sample)
        {
            var meta = new JsonObject { ["type"] = TypeOf(key, value), ["hidden"] = false, ["label"] = Label(key) };
            if (key is not ("related" or "summary_fields" or "url"))
            {
                meta["filterable"] = key != "type";
            }
            fields[key] = meta;
        }
        return fields;
    }

    private static string TypeOf(string key, JsonNode? value)
    {
        if (key is "id")
        {
            return "integer";
        }
        if (key is "type")
        {
            return "choice";
        }
        if (key is "related" or "summary_fields")
        {
            return "object";
        }
        return value switch
        {
            null => key is "inventory" or "organization" or "project" or "credential_type" or "execution_environment" or "user" ? "id" : "field",
            JsonObject => "json",
            JsonArray => "list",
            _ => value.GetValueKind() switch
            {
                JsonValueKind.True or JsonValueKind.False => "boolean",
                JsonValueKind.Number => key is "inventory" or "organization" or "project" or "credential_type" or "user" or "job_template" or "unified_job_template" ? "id" : "integer",
                JsonValueKind.String when DateTimeOffset.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) => "datetime",
                _ => "string",
            },
        };
    }

    private static string Label(string key) => key switch
    {
        "id" => "ID",
        _ => char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' '),
    };

    /// <summary>AWX's view names: "Inventory List", "Host Detail", "Job Template Launch", ...</summary>
    private static string ViewName(string relative)
    {
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not ("api" or "gateway" or "v1")).ToList();
        if (segments.Count == 0)
        {
            return "Root";
        }
        static string Title(string s)
        {
            var singular = s.EndsWith("ies", StringComparison.Ordinal) ? s[..^3] + "y" : s.TrimEnd('s');
            return string.Join(' ', singular.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        }
        var head = Title(segments[0]);
        if (segments.Count == 1)
        {
            return head + " List";
        }
        if (segments.Count == 2)
        {
            return head + " Detail";
        }
        return head + " " + string.Join(' ', segments.Skip(2).Select(s => char.ToUpperInvariant(s[0]) + s[1..].Replace('_', ' ')));
    }
}
