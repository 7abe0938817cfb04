using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AapPacker.Simulator.Api;

/// <summary>
/// AWX's <c>parse_yaml_or_json</c>: a variables string must be JSON or YAML decoding to a mapping; the error
/// names both parsers' complaints. Also the Python-style JSON that AWX writes back (<c>json.dumps</c>).
/// </summary>
internal static class Variables
{
    /// <summary>Parse, or return the AWX error text.</summary>
    public static bool TryParse(string text, out JsonObject result, out string error)
    {
        result = [];
        error = "";
        if (text.Trim() is "" or "\"\"")
        {
            return true;
        }
        string jsonError;
        try
        {
            var node = JsonNode.Parse(text);
            if (node is JsonObject obj)
            {
                result = obj;
                return true;
            }
            jsonError = $"Input type `{PythonType(node)}` is not a dictionary";
        }
        catch (JsonException e)
        {
            jsonError = "Expecting value: " + e.Message.Split(" Path:")[0];
        }
        string yamlError;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is null || (root is YamlScalarNode s && string.IsNullOrEmpty(s.Value) && s.Style == YamlDotNet.Core.ScalarStyle.Plain))
            {
                return true;
            }
            if (root is YamlMappingNode mapping)
            {
                result = (JsonObject)FromYaml(mapping)!;
                return true;
            }
            yamlError = $"Input type `{(root is YamlSequenceNode ? "list" : "str")}` is not a dictionary";
        }
        catch (YamlException e)
        {
            yamlError = e.Message;
        }
        error = $"Cannot parse as JSON (error: {jsonError}) or YAML (error: {yamlError}).";
        return false;
    }

    public static JsonObject ParseOrEmpty(string text) => TryParse(text, out var r, out _) ? r : [];

    private static string PythonType(JsonNode? node) => node switch
    {
        null => "NoneType",
        JsonArray => "list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "str",
            JsonValueKind.Number => node.ToJsonString().Contains('.', StringComparison.Ordinal) ? "float" : "int",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "object",
        },
    };

    private static JsonNode? FromYaml(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode m:
                var o = new JsonObject();
                foreach (var (k, v) in m.Children)
                {
                    o[((YamlScalarNode)k).Value ?? ""] = FromYaml(v);
                }
                return o;
            case YamlSequenceNode s:
                return new JsonArray(s.Children.Select(FromYaml).ToArray());
            case YamlScalarNode sc:
                var value = sc.Value ?? "";
                if (sc.Style != YamlDotNet.Core.ScalarStyle.Plain)
                {
                    return value;
                }
                if (value is "" or "~" or "null" or "Null" or "NULL")
                {
                    return null;
                }
                if (value is "true" or "True" or "TRUE" or "yes" or "Yes" or "on")
                {
                    return true;
                }
                if (value is "false" or "False" or "FALSE" or "no" or "No" or "off")
                {
                    return false;
                }
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d;
                }
                return value;
            default:
                return null;
        }
    }

    /// <summary>JSON the way Python's <c>json.dumps</c> writes it (", " and ": " separators).</summary>
    public static string PythonDumps(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }
                    first = false;
                    sb.Append(JsonSerializer.Serialize(k)).Append(": ");
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
