using System;

namespace AapPacker.Engine.Packer;

/// <summary>
/// Packer's ways of saying "no value": <c>&lt;unknown&gt;</c> (validate time, or a key the builder never fills),
/// <c>&lt;no value&gt;</c> (the same unfilled key in a JSON template's <c>{{ build `X` }}</c>, verified on 1.6.6),
/// <c>ERR_*_NOT_IMPLEMENTED_BY_BUILDER</c>, and the empty string (packer-and-ci.md §3.1).
/// </summary>
internal static class PackerValue
{
    /// <summary>True when the value carries no information.</summary>
    public static bool IsMissing(string? value)
    {
        if (value is null)
        {
            return true;
        }

        var trimmed = value.Trim();
        return trimmed.Length == 0
            || string.Equals(trimmed, "<unknown>", StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, "<no value>", StringComparison.OrdinalIgnoreCase)
            || (trimmed.StartsWith("ERR_", StringComparison.Ordinal) && trimmed.EndsWith("_NOT_IMPLEMENTED_BY_BUILDER", StringComparison.Ordinal));
    }

    /// <summary>The trimmed value, or null when it is missing.</summary>
    public static string? OrNull(string? value) => IsMissing(value) ? null : value!.Trim();
}
