using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The engine's text convention: an input is written as a <c>{Field}</c> token (<see cref="Fields"/>). Only names of
/// <see cref="EngineField"/> members are tokens, so other braces (<c>${build.Host}</c>, JSON, hashtables) stay text.
/// </summary>
internal static class EngineText
{
    private static readonly Regex Token = new Regex(@"\{(?<name>[A-Z][A-Za-z]*)\}", RegexOptions.CultureInvariant);

    /// <summary>The text with each field token replaced by <paramref name="name"/> of its field.</summary>
    public static string Render(string? text, Func<EngineField, string> name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return Token.Replace(text, match => TryField(match.Groups["name"].Value, out var field) ? name(field) : match.Value);
    }

    /// <summary>The fields a text names, in order of first mention.</summary>
    public static IReadOnlyList<EngineField> FieldsIn(string? text)
    {
        var fields = new List<EngineField>();
        foreach (Match match in Token.Matches(text ?? string.Empty))
        {
            if (TryField(match.Groups["name"].Value, out var field) && !fields.Contains(field))
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private static bool TryField(string name, out EngineField field)
        => Enum.TryParse(name, ignoreCase: false, out field) && Enum.IsDefined(typeof(EngineField), field);
}
