using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using AapPacker.Engine.Api;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// A job's extra variables, normalised to a dictionary whatever the user gave: a hashtable, a JSON object text,
/// or a YAML mapping text. Packer's own variables (<c>packer_build_name</c>, <c>packer_builder_type</c>,
/// <c>packer_run_uuid</c>, as Packer's ansible provisioner sets them) can be added when known; the user's own
/// values for those keys win.
/// </summary>
internal sealed class ExtraVars
{
    private static readonly char[] FloatMarks = { '.', 'e', 'E' };
    private readonly Dictionary<string, object?> _values;

    private ExtraVars(Dictionary<string, object?> values) => _values = values;

    /// <summary>The variables.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>The number of variables.</summary>
    public int Count => _values.Count;

    /// <summary>An empty set.</summary>
    public static ExtraVars Empty() => new ExtraVars(new Dictionary<string, object?>(StringComparer.Ordinal));

    /// <summary>
    /// Parses the user's input. Null or blank text is empty. Throws <see cref="AapProvisioningException"/> (exit code 4)
    /// with the parser's position for invalid text or for text that is not a mapping.
    /// </summary>
    public static ExtraVars Parse(object? input)
    {
        switch (input)
        {
            case null:
                return Empty();
            case ExtraVars already:
                return new ExtraVars(new Dictionary<string, object?>(already._values, StringComparer.Ordinal));
            case string text:
                return ParseText(text);
            case IDictionary dictionary:
                return new ExtraVars((Dictionary<string, object?>)JsonValues.Normalize(dictionary, "ExtraVars")!);
            default:
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidExtraVars,
                    $"{Fields.ExtraVars} has type {input.GetType().Name}; it must be a hashtable, or JSON or YAML text describing a mapping.",
                    $"Pass {Fields.ExtraVars} @{{ key = 'value' }}, or '{{\"key\": \"value\"}}', or \"key: value\".");
        }
    }

    private static ExtraVars ParseText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed == "---")
        {
            return Empty();
        }

        if (trimmed[0] == '{' || trimmed[0] == '[')
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(trimmed);
            }
            catch (JsonException e)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidExtraVars,
                    $"{Fields.ExtraVars} is not valid JSON: {e.Message}",
                    "Fix the JSON text, or pass a hashtable.", e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw NotAMapping("a JSON " + document.RootElement.ValueKind.ToString().ToLowerInvariant());
                }

                return new ExtraVars((Dictionary<string, object?>)JsonValues.FromJson(document.RootElement)!);
            }
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidExtraVars,
                $"{Fields.ExtraVars} is neither JSON nor valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}",
                "Fix the YAML text (key: value per line), or pass a hashtable.", e);
        }

        if (stream.Documents.Count == 0)
        {
            return Empty();
        }

        if (stream.Documents.Count > 1)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidExtraVars, $"{Fields.ExtraVars} holds several YAML documents; AAP takes one mapping.", "Remove the extra '---' separators.");
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode emptyScalar && string.IsNullOrEmpty(emptyScalar.Value))
        {
            return Empty();
        }

        if (!(root is YamlMappingNode))
        {
            throw NotAMapping(root is YamlSequenceNode ? "a YAML list" : "a YAML scalar");
        }

        return new ExtraVars((Dictionary<string, object?>)FromYaml(root)!);
    }

    private static AapProvisioningException NotAMapping(string what)
        => AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidExtraVars,
            $"{Fields.ExtraVars} is {what}; AAP needs a mapping of variable names to values.",
            "Pass key/value pairs, e.g. \"key: value\" or '{\"key\": \"value\"}' or @{ key = 'value' }.");

    /// <summary>YAML 1.2 core schema for plain scalars (null, booleans, integers, floats); quoted scalars stay strings.</summary>
    private static object? FromYaml(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                {
                    var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var pair in mapping.Children)
                    {
                        var key = pair.Key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : pair.Key.ToString();
                        result[key] = FromYaml(pair.Value);
                    }

                    return result;
                }

            case YamlSequenceNode sequence:
                {
                    var list = new List<object?>();
                    foreach (var item in sequence.Children)
                    {
                        list.Add(FromYaml(item));
                    }

                    return list;
                }

            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return value;
        }

        switch (value)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return null;
            case "true":
            case "True":
            case "TRUE":
                return true;
            case "false":
            case "False":
            case "FALSE":
                return false;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (value.IndexOfAny(FloatMarks) >= 0
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return value;
    }

    /// <summary>Adds a variable unless the user already set it (the user's value wins). Missing values are skipped.</summary>
    public void AddIfAbsent(string key, string? value)
    {
        if (value != null && !_values.ContainsKey(key))
        {
            _values[key] = value;
        }
    }

    /// <summary>Adds <c>packer_build_name</c>, <c>packer_builder_type</c> and <c>packer_run_uuid</c> when known.</summary>
    public void AddPackerVariables(string? buildName, string? builderType, string? runUuid)
    {
        AddIfAbsent("packer_build_name", Packer.PackerValue.OrNull(buildName));
        AddIfAbsent("packer_builder_type", Packer.PackerValue.OrNull(builderType));
        AddIfAbsent("packer_run_uuid", Packer.PackerValue.OrNull(runUuid));
    }

    /// <summary>The JSON text of the variables.</summary>
    public string ToJson() => JsonValues.Serialize(_values);

    /// <inheritdoc />
    public override string ToString() => $"{_values.Count} extra variable(s): {string.Join(", ", _values.Keys)}";
}
