using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Api;

/// <summary>Field-level parsing of launch payloads (DRF field types and messages).</summary>
internal static class LaunchValues
{
    public static JsonObject? ExtraVars(JsonNode? node, Validation v)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonObject o:
                return (JsonObject)o.DeepClone();
            case JsonValue s when s.GetValueKind() == JsonValueKind.String:
                if (Variables.TryParse(s.GetValue<string>(), out var parsed, out var error))
                {
                    return parsed;
                }
                v.Add("extra_vars", error);
                return null;
            default:
                v.Add("extra_vars", $"Cannot parse as JSON (error: Input type `{Validation.PythonTypeName(node)}` is not a dictionary) or YAML (error: Input type `{Validation.PythonTypeName(node)}` is not a dictionary).");
                return null;
        }
    }

    public static int? Integer(JsonObject body, string field, Validation v)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }
        if (Validation.TryInt(node, out var value))
        {
            return value;
        }
        v.Add(field, "A valid integer is required.");
        return null;
    }

    public static List<int>? IdList(JsonObject body, string field, Validation v, Func<int, bool> exists)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            v.Add(field, $"Expected a list of items but got type \"{Validation.PythonTypeName(node)}\".");
            return null;
        }
        var ids = new List<int>();
        foreach (var item in array)
        {
            if (item is null || !Validation.TryInt(item, out var id))
            {
                v.Add(field, $"Incorrect type. Expected pk value, received {Validation.PythonTypeName(item)}.");
                return null;
            }
            if (!exists(id))
            {
                v.Add(field, $"Invalid pk \"{id.ToString(CultureInfo.InvariantCulture)}\" - object does not exist.");
                return null;
            }
            ids.Add(id);
        }
        return ids;
    }

    public static string? Choice(JsonObject body, string field, Validation v, params string[] choices)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (!choices.Contains(text, StringComparer.Ordinal))
        {
            v.Add(field, $"\"{text}\" is not a valid choice.");
            return null;
        }
        return text;
    }

    /// <summary>A survey answer's type check; null when fine, else AWX's message.</summary>
    public static string? SurveyAnswerProblem(Store.SurveyQuestion q, JsonNode? value)
    {
        var shown = value is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : value?.ToJsonString() ?? "None";
        switch (q.Type)
        {
            case "text" or "textarea" or "password":
                return value?.GetValueKind() == JsonValueKind.String ? null : $"Value {shown} for '{q.Variable}' expected to be a string.";
            case "integer":
                return value?.GetValueKind() == JsonValueKind.Number && Validation.TryInt(value, out _) ? null : $"Value {shown} for '{q.Variable}' expected to be an integer.";
            case "float":
                return value?.GetValueKind() == JsonValueKind.Number ? null : $"Value {shown} for '{q.Variable}' expected to be a numeric type.";
            case "multiplechoice":
                return q.Choices.Contains(shown, StringComparer.Ordinal) ? null
                    : $"Value {shown} for '{q.Variable}' expected to be one of [{string.Join(", ", q.Choices.Select(c => $"'{c}'"))}].";
            default:
                return null;
        }
    }
}
