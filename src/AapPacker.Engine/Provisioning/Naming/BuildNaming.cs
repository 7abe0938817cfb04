using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Names and descriptions of the objects AapPacker creates. Names start with <see cref="NamePrefix"/>; descriptions
/// carry a marker (<c>Created by AapPacker for build &lt;id&gt; at &lt;UTC time&gt;</c>) that a leftover sweep parses.
/// The sweep touches only objects that have both, so nothing else is ever deleted.
/// </summary>
internal static class BuildNaming
{
    /// <summary>Every AapPacker object name starts with this.</summary>
    public const string NamePrefix = "packer-";

    /// <summary>AAP's limit for names.</summary>
    public const int MaxNameLength = 512;

    private const string MarkerStart = "Created by AapPacker for build ";

    private static readonly Regex MarkerPattern = new Regex(
        @"Created by AapPacker for build (?<id>[A-Za-z0-9._-]+) at (?<at>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)",
        RegexOptions.CultureInvariant);

    /// <summary>The temporary inventory's name: <c>packer-&lt;build&gt;-&lt;suffix&gt;</c>.</summary>
    public static string InventoryName(BuildIdentity build) => Compose(build, "");

    /// <summary>The temporary credential's name: <c>packer-&lt;build&gt;-&lt;suffix&gt;-machine</c>.</summary>
    public static string CredentialName(BuildIdentity build) => Compose(build, "-machine");

    /// <summary>The description of a host a build added (the marker Remove-AapBuildResources and the guardian check).</summary>
    public static string HostDescription(string buildId) => "Added by AapPacker for build " + buildId;

    private static string Compose(BuildIdentity build, string tail)
    {
        if (build is null)
        {
            throw new ArgumentNullException(nameof(build));
        }

        var room = MaxNameLength - NamePrefix.Length - 1 - build.InstanceSuffix.Length - tail.Length;
        var id = build.BuildId.Length > room ? build.BuildId.Substring(0, room) : build.BuildId;
        return NamePrefix + id + "-" + build.InstanceSuffix + tail;
    }

    /// <summary>The description marker.</summary>
    public static string Description(BuildIdentity build, DateTimeOffset createdAt)
    {
        if (build is null)
        {
            throw new ArgumentNullException(nameof(build));
        }

        return MarkerStart + build.BuildId + " at " + createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a description marker. False for anything AapPacker did not write.</summary>
    public static bool TryParseDescription(string? description, out string buildId, out DateTimeOffset createdAt)
    {
        buildId = "";
        createdAt = default;
        if (string.IsNullOrEmpty(description))
        {
            return false;
        }

        var match = MarkerPattern.Match(description);
        if (!match.Success)
        {
            return false;
        }

        buildId = match.Groups["id"].Value;
        createdAt = DateTimeOffset.ParseExact(match.Groups["at"].Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return true;
    }

    /// <summary>True when an object with this name and description was created by AapPacker.</summary>
    public static bool IsAapPackerObject(string? name, string? description)
        => name != null && name.StartsWith(NamePrefix, StringComparison.Ordinal) && TryParseDescription(description, out _, out _);

    /// <summary>
    /// True when a marker's build id belongs to the requested one: equal or, when the requested id is a Packer run
    /// UUID, that UUID followed by <c>-</c> (so the run UUID matches every build block of that run; other ids
    /// match exactly, so <c>web</c> never sweeps <c>web-2</c>).
    /// </summary>
    public static bool BuildIdMatches(string markerBuildId, string requested)
    {
        if (markerBuildId is null || requested is null)
        {
            return false;
        }

        var wanted = BuildIdentity.Sanitize(requested);
        return wanted.Length > 0 && (string.Equals(markerBuildId, wanted, StringComparison.Ordinal)
            || (Guid.TryParseExact(wanted, "D", out _) && markerBuildId.StartsWith(wanted + "-", StringComparison.OrdinalIgnoreCase)));
    }
}
