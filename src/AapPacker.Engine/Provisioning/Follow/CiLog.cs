using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// CI log conventions (packer-and-ci.md §4): a collapsible group per job's output and an error annotation on
/// failure, and neutralised job output — Azure's agent runs <c>##vso[</c> found anywhere in a line (so AAP job output
/// could otherwise set variables or mark the build), GitHub's runner runs <c>::cmd::</c> at a line's start.
/// </summary>
internal sealed class CiLog
{
    private CiLog(CiSystem system) => System = system;

    /// <summary>The detected system.</summary>
    public CiSystem System { get; }

    /// <summary>Detects the CI system from the environment.</summary>
    public static CiLog Detect(IDictionary<string, string?> environment)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        bool Is(string name, string value) => environment.TryGetValue(name, out var v) && string.Equals(v?.Trim(), value, StringComparison.OrdinalIgnoreCase);
        return new CiLog(Is("TF_BUILD", "True") ? CiSystem.AzurePipelines : Is("GITHUB_ACTIONS", "true") ? CiSystem.GitHubActions : CiSystem.None);
    }

    /// <summary>A log for a given system.</summary>
    public static CiLog For(CiSystem system) => new CiLog(system);

    /// <summary>Makes a line of job output inert for the CI agent (always applied: harmless elsewhere).</summary>
    /// <remarks>
    /// Both agents match their markers with .NET's culture-sensitive <c>IndexOf</c>/<c>StartsWith</c>, which skip
    /// characters the collation ignores (zero-width space, soft hyphen, control characters): <c>#\u200B#vso[</c>
    /// is a command to them, and a zero-width space in front of <c>::</c> hides nothing. So invisible format and
    /// control characters are removed first, the markers are checked the agents' way, and a leading <c>::</c>
    /// gets a visible middle dot in front.
    /// </remarks>
    public static string Neutralize(string line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return line ?? "";
        }

        // The same replacement the Azure agent uses for its own masking of commands.
        var text = WithoutInvisibleCharacters(line).Replace("##vso[", "**vso[").Replace("##[", "**[");
        if (AgentsCompare.IndexOf(text, "##vso[", CompareOptions.None) >= 0 || AgentsCompare.IndexOf(text, "##[", CompareOptions.None) >= 0)
        {
            text = text.Replace('#', '*'); // a marker spelled with characters the collation equates: no '#' at all
        }

        if (AgentsCompare.IsPrefix(text.TrimStart(), "::", CompareOptions.None))
        {
            text = "\u00B7" + text; // GitHub trims white space only, and a visible character cannot be ignored
        }

        return text;
    }

    /// <summary>The line that opens a collapsible group, or null without CI.</summary>
    public string? GroupStart(string title)
        => System switch
        {
            CiSystem.AzurePipelines => "##[group]" + OneLine(title),
            CiSystem.GitHubActions => "::group::" + OneLine(title),
            _ => null,
        };

    /// <summary>The line that closes the group, or null without CI.</summary>
    public string? GroupEnd()
        => System switch
        {
            CiSystem.AzurePipelines => "##[endgroup]",
            CiSystem.GitHubActions => "::endgroup::",
            _ => null,
        };

    /// <summary>An error annotation, or null without CI.</summary>
    public string? Error(string message)
        => System switch
        {
            CiSystem.AzurePipelines => "##vso[task.logissue type=error]" + (message ?? "").Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A"),
            CiSystem.GitHubActions => "::error::" + (message ?? "").Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"),
            _ => null,
        };

    private static readonly CompareInfo AgentsCompare = CultureInfo.InvariantCulture.CompareInfo;

    private static string WithoutInvisibleCharacters(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            var category = char.GetUnicodeCategory(c);
            if ((category != UnicodeCategory.Format && category != UnicodeCategory.Control) || c == '\t')
            {
                builder.Append(c);
            }
        }

        return builder.Length == line.Length ? line : builder.ToString();
    }

    private static string OneLine(string text) => Neutralize((text ?? "").Replace('\r', ' ').Replace('\n', ' '));
}
