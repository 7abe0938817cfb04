using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>
/// Flattens AAP's error bodies into one readable message plus per-field errors. AAP uses several shapes
/// (aap-api.md §10): <c>{"detail": "…"}</c>, <c>{"error": "…", "active_jobs": [...]}</c>,
/// <c>{"field": ["…"], "__all__": ["…"]}</c>, nested <c>{"inputs": {"ssh_key_unlock": ["…"]}}</c> and
/// <c>{"variables_needed_to_start": ["…"]}</c>. Only the response body is read; request bodies (which may
/// hold secrets) are never quoted.
/// </summary>
internal static class AapErrorParser
{
    /// <summary>The flattened message and the field errors of <paramref name="body"/>.</summary>
    public static (string Message, IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors) Parse(JsonElement body)
    {
        var parts = new List<string>();
        var fields = new Dictionary<string, IReadOnlyList<string>>();

        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                ParseObject(body, parts, fields);
                break;
            case JsonValueKind.Array:
                var items = Strings(body);
                if (items.Count > 0)
                {
                    parts.Add(string.Join(" ", items));
                }

                break;
            case JsonValueKind.String:
                var text = body.GetString();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    parts.Add(text!.Trim());
                }

                break;
        }

        return (string.Join("; ", parts), fields);
    }

    private static void ParseObject(JsonElement body, List<string> parts, Dictionary<string, IReadOnlyList<string>> fields)
    {
        // General messages first, in the order a reader needs them.
        AddText(body, "detail", parts);
        AddText(body, "error", parts);
        AddText(body, "__all__", parts);

        if (body.TryGetProperty("active_jobs", out var activeJobs) && activeJobs.ValueKind == JsonValueKind.Array)
        {
            var jobs = activeJobs.EnumerateArray().Select(DescribeJob).Where(j => j.Length > 0).ToList();
            if (jobs.Count > 0)
            {
                parts.Add("active jobs: " + string.Join(", ", jobs));
            }
        }

        if (body.TryGetProperty("variables_needed_to_start", out var variables))
        {
            var needed = Strings(variables);
            if (needed.Count > 0)
            {
                parts.Add("variables needed to start: " + string.Join(", ", needed));
            }
        }

        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "detail":
                case "error":
                case "__all__":
                case "active_jobs":
                case "variables_needed_to_start":
                    continue;
                default:
                    AddField(property.Name, property.Value, fields);
                    break;
            }
        }

        foreach (var field in fields)
        {
            parts.Add(field.Key + ": " + string.Join(" ", field.Value));
        }
    }

    private static void AddText(JsonElement body, string name, List<string> parts)
    {
        if (body.TryGetProperty(name, out var value))
        {
            var texts = Strings(value);
            if (texts.Count > 0)
            {
                parts.Add(string.Join(" ", texts));
            }
        }
    }

    private static void AddField(string name, JsonElement value, Dictionary<string, IReadOnlyList<string>> fields)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            // Nested serializers (credential inputs) report per sub-field: inputs.ssh_key_unlock.
            foreach (var inner in value.EnumerateObject())
            {
                AddField(name + "." + inner.Name, inner.Value, fields);
            }

            return;
        }

        var messages = Strings(value);
        if (messages.Count > 0)
        {
            fields[name] = messages;
        }
    }

    private static List<string> Strings(JsonElement value)
    {
        var result = new List<string>();
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    result.Add(text!.Trim());
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        var nested = Parse(item).Message;
                        if (nested.Length > 0)
                        {
                            result.Add(nested);
                        }
                    }
                    else
                    {
                        result.AddRange(Strings(item));
                    }
                }

                break;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                result.Add(value.GetRawText());
                break;
        }

        return result;
    }

    private static string DescribeJob(JsonElement job)
    {
        if (job.ValueKind != JsonValueKind.Object)
        {
            return job.ValueKind == JsonValueKind.Number ? "job " + job.GetRawText() : string.Empty;
        }

        var builder = new StringBuilder();
        builder.Append(job.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : "job");
        if (job.TryGetProperty("id", out var id))
        {
            builder.Append(' ').Append(id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The error kind an HTTP status maps to.</summary>
    public static AapErrorKind KindFor(int status)
    {
        switch (status)
        {
            case 400: return AapErrorKind.Validation;
            case 401: return AapErrorKind.Unauthorized;
            case 403: return AapErrorKind.Forbidden;
            case 404: return AapErrorKind.NotFound;
            case 405: return AapErrorKind.MethodNotAllowed;
            case 409: return AapErrorKind.Conflict;
            case 408:
            case 429:
            case 302:
            case 303:
            case 307:
                return AapErrorKind.Server;
            default:
                return status >= 500 ? AapErrorKind.Server : AapErrorKind.Protocol;
        }
    }

    /// <summary>A generic message for a status when AAP gave none.</summary>
    public static string DescribeStatus(int status)
    {
        switch (status)
        {
            case 301:
            case 308:
                return "the server answered with a permanent redirect; AapPacker does not follow redirects (this usually means a path without its trailing slash, or a URI that points at the wrong place).";
            case 302:
            case 303:
            case 307:
                return "the server redirected the request (AAP does this while an upgrade or migration is running); try again later.";
            case 408: return "the server timed the request out.";
            case 429: return "the server (or a proxy in front of it) is rate limiting requests; try again later.";
            case 502:
            case 503:
            case 504:
                return "AAP or a proxy in front of it is unavailable (" + status.ToString(CultureInfo.InvariantCulture) + "); try again later.";
            default:
                return "HTTP " + status.ToString(CultureInfo.InvariantCulture) + ".";
        }
    }
}
