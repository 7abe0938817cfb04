using System;
using System.Collections.Generic;
using System.Linq;
using AapPacker.Engine.Api;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// The guardian inherits the build's environment minus every secret: the variables that carry AAP or target
/// secrets, and any variable whose value contains one of the given secrets. Its secret arrives on stdin only.
/// </summary>
internal static class GuardianEnvironment
{
    /// <summary>Removes secret-bearing variables from <paramref name="environment"/> (in place); returns the names removed.</summary>
    public static IReadOnlyList<string> Scrub(IDictionary<string, string?> environment, IEnumerable<string> secrets)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        var known = new HashSet<string>(AapSettingsResolver.SecretVariables, StringComparer.OrdinalIgnoreCase)
        {
            PackerEnvironmentReader.SshKeyVariable,
            PackerEnvironmentReader.PasswordVariable,
        };
        var values = (secrets ?? Enumerable.Empty<string>()).Where(s => !string.IsNullOrEmpty(s)).ToList();
        var removed = environment
            .Where(pair => known.Contains(pair.Key) || (pair.Value != null && values.Any(v => pair.Value.IndexOf(v, StringComparison.Ordinal) >= 0)))
            .Select(pair => pair.Key)
            .ToList();
        foreach (var name in removed)
        {
            environment.Remove(name);
        }

        return removed;
    }
}
