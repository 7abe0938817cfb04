using System.Collections.Generic;
using System.Management.Automation;

namespace AapPacker.Commands.Listing;

/// <summary>
/// The <c>-Name</c> of the listing cmdlets, as PowerShell's own Get-* cmdlets read it: a plain name is asked of AAP
/// exactly (and its absence is an ObjectNotFound error); a wildcard pattern lists and matches here, case-insensitively,
/// and matching nothing is no error.
/// </summary>
internal sealed class NameFilter
{
    private NameFilter(string text, WildcardPattern? pattern)
    {
        Text = text;
        Pattern = pattern;
    }

    /// <summary>The name or pattern as given.</summary>
    public string Text { get; }

    /// <summary>The pattern, or null for a plain name.</summary>
    public WildcardPattern? Pattern { get; }

    /// <summary>The exact name to ask AAP for, or null to list all and match <see cref="Pattern"/>.</summary>
    public string? ExactName => Pattern is null ? Text : null;

    /// <summary>Filters for the given names; one match-all filter when none were given.</summary>
    public static IReadOnlyList<NameFilter> From(string[]? names)
    {
        var filters = new List<NameFilter>();
        foreach (var name in names ?? new[] { "*" })
        {
            filters.Add(WildcardPattern.ContainsWildcardCharacters(name)
                ? new NameFilter(name, WildcardPattern.Get(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant))
                : new NameFilter(name, null));
        }

        return filters;
    }

    /// <summary>True when the object's name passes this filter.</summary>
    public bool Matches(string name) => Pattern?.IsMatch(name) ?? true;
}
