using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api;

/// <summary>
/// Converts between what scripts hand over (hashtables, arrays, PSObject-like values already unwrapped by the
/// cmdlet) and plain JSON-ready values, and reads AAP's JSON. Internal plumbing for variables and results.
/// </summary>
internal static class JsonValues
{
    /// <summary>A JSON-ready copy: dictionaries become <c>Dictionary&lt;string, object?&gt;</c>, lists become <c>List&lt;object?&gt;</c>.</summary>
    public static object? Normalize(object? value, string path)
    {
        switch (value)
        {
            case null:
                return null;
            case string _:
            case bool _:
            case int _:
            case long _:
            case short _:
            case byte _:
            case sbyte _:
            case ushort _:
            case uint _:
            case ulong _:
            case double _:
            case float _:
            case decimal _:
                return value;
            case char c:
                return c.ToString();
            case DateTime dt:
                return dt.ToString("o", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("o", CultureInfo.InvariantCulture);
            case Guid g:
                return g.ToString();
            case Enum e:
                return e.ToString();
            case JsonElement element:
                return FromJson(element);
            case IDictionary dictionary:
                {
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                        result[key] = Normalize(entry.Value, path + "." + key);
                    }

                    return result;
                }

            case IEnumerable sequence:
                {
                    var list = new List<object?>();
                    var index = 0;
                    foreach (var item in sequence)
                    {
                        list.Add(Normalize(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                        index++;
                    }

                    return list;
                }

            default:
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.UnsupportedVariableValue,
                    $"The value at '{path}' has type {value.GetType().Name}, which cannot be sent to AAP as a variable.",
                    "Use strings, numbers, booleans, arrays and hashtables only.");
        }
    }

    /// <summary>A JSON element as plain .NET values (objects become dictionaries, numbers long or double).</summary>
    public static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        result[property.Name] = FromJson(property.Value);
                    }

                    return result;
                }

            case JsonValueKind.Array:
                {
                    var list = new List<object?>();
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(FromJson(item));
                    }

                    return list;
                }

            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l) ? l : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Serializes a normalized value.</summary>
    public static string Serialize(object? value) => JsonValueWriter.ToText(value);

    public static JsonElement? Property(this JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : (JsonElement?)null;

    public static string? String(this JsonElement element, string name)
    {
        var value = element.Property(name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
    }

    public static int? Int(this JsonElement element, string name)
    {
        var value = element.Property(name);
        return value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var result) ? result : (int?)null;
    }

    public static double? Double(this JsonElement element, string name)
    {
        var value = element.Property(name);
        return value is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : (double?)null;
    }

    public static bool Bool(this JsonElement element, string name)
    {
        var value = element.Property(name);
        return value is { ValueKind: JsonValueKind.True };
    }

    public static DateTimeOffset? Date(this JsonElement element, string name)
    {
        var text = element.String(name);
        return text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result)
            ? result
            : (DateTimeOffset?)null;
    }

    /// <summary><c>summary_fields.&lt;a&gt;.&lt;b&gt;</c> and similar nested reads.</summary>
    public static JsonElement? Path(this JsonElement element, params string[] names)
    {
        JsonElement? current = element;
        foreach (var name in names)
        {
            if (current is null)
            {
                return null;
            }

            current = current.Value.Property(name);
        }

        return current;
    }
}
