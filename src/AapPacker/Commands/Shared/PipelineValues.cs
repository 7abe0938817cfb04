using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AapPacker.Commands.Shared;

/// <summary>
/// Plain .NET values out of what PowerShell binds: PSObject wrappers removed (the engine knows no PowerShell
/// types), PSCustomObjects as dictionaries, and "object or id" parameters read as an id.
/// </summary>
internal static class PipelineValues
{
    /// <summary>The object behind a PSObject wrapper (a PSCustomObject stays a PSObject).</summary>
    public static object? Unwrap(object? value)
        => value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

    /// <summary>A hashtable as string-keyed plain values, recursively.</summary>
    public static IDictionary<string, object?>? ToDictionary(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            result[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? ""] = Plain(entry.Value);
        }

        return result;
    }

    /// <summary>A value with PowerShell wrappers removed, recursively.</summary>
    public static object? Plain(object? value)
    {
        var unwrapped = Unwrap(value);
        switch (unwrapped)
        {
            case null:
                return null;
            case PSObject custom:
                {
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in custom.Properties)
                    {
                        result[property.Name] = Plain(property.Value);
                    }

                    return result;
                }

            case string text:
                return text;
            case IDictionary dictionary:
                return ToDictionary(dictionary);
            case IEnumerable sequence:
                {
                    var list = new List<object?>();
                    foreach (var item in sequence)
                    {
                        list.Add(Plain(item));
                    }

                    return list;
                }

            default:
                return unwrapped;
        }
    }

    /// <summary>An int id from an int, a long or a digit string; null otherwise.</summary>
    public static int? AsId(object? value)
    {
        switch (Unwrap(value))
        {
            case int i:
                return i;
            case long l when l > 0 && l <= int.MaxValue:
                return (int)l;
            case string s when int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    /// <summary>
    /// The <c>Id</c> property of a PSCustomObject (from ConvertFrom-Json or Invoke-RestMethod), or null. Typed objects
    /// are not read this way: a job piped where an inventory is expected must not pass as an inventory id.
    /// </summary>
    public static int? IdProperty(object? value)
    {
        if (!(value is PSObject wrapped) || !(wrapped.BaseObject is PSCustomObject))
        {
            return null;
        }

        var property = wrapped.Properties["Id"];
        return property is null ? null : AsId(property.Value);
    }
}
