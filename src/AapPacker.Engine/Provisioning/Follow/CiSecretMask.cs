using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The commands that make a CI system mask secrets AapPacker handles (packer-and-ci.md §4). Neither system masks a
/// transformed value by itself, so besides each secret this registers its base64 form (what Packer's
/// <c>base64encode</c> hands over) and each line of a multi-line value (a private key). Azure's agent reads
/// <c>##vso[</c> anywhere in a line, so registration works inside Packer too; GitHub's runner reads <c>::</c> only at a
/// line's start, which Packer's line prefix breaks, so there it is emitted only outside Packer.
/// </summary>
internal static class CiSecretMask
{
    /// <summary>Values this short would mask ordinary words all over the log; the CI's own masking is no better.</summary>
    public const int MinimumLength = 4;

    private static readonly string[] PackerMarkers = { "PACKER_RUN_UUID", "PACKER_BUILD_NAME", "PACKER_BUILDER_TYPE" };

    /// <summary>True when running under Packer (it sets these for shell-local and exposes them in the environment).</summary>
    public static bool InsidePacker(IDictionary<string, string?> environment)
        => environment != null && PackerMarkers.Any(name => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value));

    /// <summary>The lines to write to the CI agent, before anything could print a secret; empty when nothing would read them.</summary>
    public static IReadOnlyList<string> Commands(CiSystem system, IDictionary<string, string?> environment, IEnumerable<string?> secrets)
    {
        if (secrets is null)
        {
            throw new ArgumentNullException(nameof(secrets));
        }

        if (system == CiSystem.None || (system == CiSystem.GitHubActions && InsidePacker(environment)))
        {
            return Array.Empty<string>();
        }

        var values = secrets.Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => DerivedValues(s!)).Distinct(StringComparer.Ordinal);
        return system == CiSystem.AzurePipelines
            ? values.Select(v => "##vso[task.setsecret]" + v.Replace("%", "%AZP25")).ToArray()
            : values.Select(v => "::add-mask::" + v.Replace("%", "%25")).ToArray();
    }

    /// <summary>Each line of the value (trimmed; PEM armour lines are public) and the base64 of the whole value.</summary>
    public static IEnumerable<string> DerivedValues(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            yield break;
        }

        foreach (var line in secret.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length >= MinimumLength && !trimmed.StartsWith("-----", StringComparison.Ordinal))
            {
                yield return trimmed;
            }
        }

        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
    }
}
