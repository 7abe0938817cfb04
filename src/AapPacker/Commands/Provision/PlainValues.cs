using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Provision
{
    /// <summary>Plain .NET values out of what PowerShell binds (the engine knows no PSObject).</summary>
    internal static class PlainValues
    {
        public static object? Unwrap(object? value)
            => value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        public static IDictionary<string, object?>? Dictionary(IDictionary? table)
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

        public static object? Plain(object? value)
        {
            switch (Unwrap(value))
            {
                case null:
                    return null;
                case PSObject custom:
                    var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in custom.Properties)
                    {
                        properties[property.Name] = Plain(property.Value);
                    }

                    return properties;
                case string text:
                    return text;
                case IDictionary dictionary:
                    return Dictionary(dictionary);
                case IEnumerable sequence:
                    var list = new List<object?>();
                    foreach (var item in sequence)
                    {
                        list.Add(Plain(item));
                    }

                    return list;
                case var other:
                    return other;
            }
        }

        /// <summary>Credentials given as objects, ids or names, as the names-or-ids the engine resolves.</summary>
        public static List<string> CredentialKeys(object[]? credentials)
        {
            var keys = new List<string>();
            foreach (var item in credentials ?? Array.Empty<object>())
            {
                var value = Unwrap(item);
                string? key = value switch
                {
                    AapMachineCredential machine => machine.Id.ToString(CultureInfo.InvariantCulture),
                    string text => text,
                    int id => id.ToString(CultureInfo.InvariantCulture),
                    long id => id.ToString(CultureInfo.InvariantCulture),
                    _ => Convert.ToString(Unwrap((PSObject.AsPSObject(item).Properties["Id"])?.Value), CultureInfo.InvariantCulture),
                };
                if (string.IsNullOrWhiteSpace(key))
                {
                    throw AapProvisioningException.Configuration("InvalidAapCredential",
                        $"-AapCredential got a {value?.GetType().Name ?? "null"}, which is not a credential.",
                        "Pass credentials from New-AapTempCredential, or credential ids or names.");
                }

                keys.Add(key!);
            }

            return keys;
        }
    }
}
