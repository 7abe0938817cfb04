using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>DRF field validation with DRF's messages; collects field → messages and throws one 400.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new ApiException(ApiResult.FieldErrors(_errors));
        }
    }

    public static void ThrowNonField(string message) => throw new ApiException(ApiResult.FieldError("__all__", message));

    /// <summary>
    /// A CharField: string, optional or required, not blank when required, max length. <paramref name="nullAsEmpty"/>
    /// is AWX's CharNullField/ChoiceNullField for writable model text fields (<c>awx/api/fields.py</c>, chosen in
    /// <c>BaseSerializer.build_standard_field</c>): null is stored as "".
    /// </summary>
    public string? Text(JsonObject body, string field, bool required = false, int maxLength = 512, string? fallback = "", bool nullAsEmpty = false)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
            return fallback;
        }
        if (node is null)
        {
            if (nullAsEmpty && !required)
            {
                return "";
            }
            Add(field, "This field may not be null.");
            return fallback;
        }
        if (node.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            Add(field, "Not a valid string.");
            return fallback;
        }
        var value = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (required && value.Trim().Length == 0)
        {
            Add(field, "This field may not be blank.");
            return fallback;
        }
        if (CharacterCount(value) > maxLength)
        {
            Add(field, $"Ensure this field has no more than {maxLength} characters.");
        }
        return value;
    }

    /// <summary>
    /// Characters as Django's max_length counts them (Python str: code points), so a character outside the BMP counts
    /// once, not as its two UTF-16 code units.
    /// </summary>
    private static int CharacterCount(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value[i - 1], value[i]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    /// <summary>A primary key field: int (or numeric string) referring to an existing object.</summary>
    public int? Pk(JsonObject body, string field, Func<int, bool> exists, bool allowNull = true)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            if (node is null && body.ContainsKey(field) && !allowNull)
            {
                Add(field, "This field may not be null.");
            }
            return null;
        }
        if (!TryInt(node, out var id))
        {
            Add(field, $"Incorrect type. Expected pk value, received {PythonTypeName(node)}.");
            return null;
        }
        if (!exists(id))
        {
            Add(field, $"Invalid pk \"{id.ToString(CultureInfo.InvariantCulture)}\" - object does not exist.");
            return null;
        }
        return id;
    }

    public static bool TryInt(JsonNode node, out int value)
    {
        value = 0;
        return node.GetValueKind() switch
        {
            JsonValueKind.Number => node.AsValue().TryGetValue(out value),
            JsonValueKind.String => int.TryParse(node.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    public static string PythonTypeName(JsonNode? node) => node switch
    {
        null => "NoneType",
        JsonArray => "list",
        JsonObject => "dict",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "str",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "float",
        },
    };

    /// <summary>
    /// A BooleanField; <paramref name="nullAsFalse"/> is AWX's BooleanNullField (<c>awx/api/fields.py</c>) for writable
    /// model booleans: null and "" are False.
    /// </summary>
    public static bool? Bool(JsonObject body, string field, Validation v, bool nullAsFalse = false)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (node is null || (nullAsFalse && node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length == 0))
        {
            return nullAsFalse ? false : null;
        }
        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when node.GetValue<string>().ToUpperInvariant() is "TRUE" or "1" or "YES" or "ON":
                return true;
            case JsonValueKind.String when node.GetValue<string>().ToUpperInvariant() is "FALSE" or "0" or "NO" or "OFF":
                return false;
            default:
                v.Add(field, "Must be a valid boolean.");
                return null;
        }
    }
    /// <summary>
    /// A DRF IntegerField (AWX gives PositiveIntegerFields <c>min_value</c> 0 in <c>BaseSerializer.build_standard_field</c>):
    /// an int or a numeric string; null is refused.
    /// </summary>
    public int? Int(JsonObject body, string field, int? min = null)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        if (node is null)
        {
            Add(field, "This field may not be null.");
            return null;
        }
        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False || !TryInt(node, out var value))
        {
            Add(field, "A valid integer is required.");
            return null;
        }
        if (min is { } m && value < m)
        {
            Add(field, $"Ensure this value is greater than or equal to {m.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        return value;
    }

    /// <summary>
    /// A DRF ChoiceField (the input's string form must be one of <paramref name="choices"/>); with
    /// <paramref name="nullAsEmpty"/> it is AWX's ChoiceNullField (null → "", then checked like any other value).
    /// </summary>
    public string? Choice(JsonObject body, string field, IReadOnlyCollection<string> choices, bool nullAsEmpty = false)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return null;
        }
        string text;
        if (node is null)
        {
            if (!nullAsEmpty)
            {
                Add(field, "This field may not be null.");
                return null;
            }
            text = "";
        }
        else
        {
            text = node.GetValueKind() switch
            {
                JsonValueKind.String => node.GetValue<string>(),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                _ => node.ToJsonString(),
            };
        }
        if (!choices.Contains(text))
        {
            Add(field, $"\"{text}\" is not a valid choice.");
            return null;
        }
        return text;
    }
}
