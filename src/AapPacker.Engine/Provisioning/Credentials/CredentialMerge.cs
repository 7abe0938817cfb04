using System;
using System.Collections.Generic;
using System.Linq;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The credential list to send at launch (aap-api.md §6.3): AAP insists that every template credential is re-sent
/// or replaced by one of the same type (400 "Removing … without replacement" otherwise), and allows one per type.
/// So: keep the template's defaults, drop each default whose slot one of ours takes (our Machine credential
/// replaces the template's Machine credential), append ours.
/// </summary>
internal static class CredentialMerge
{
    /// <summary>Merges. Throws <see cref="AapProvisioningException"/> when two of ours share a slot (AAP would refuse).</summary>
    public static IReadOnlyList<int> Merge(IEnumerable<LaunchCredential> templateDefaults, IEnumerable<LaunchCredential> ours)
    {
        if (templateDefaults is null)
        {
            throw new ArgumentNullException(nameof(templateDefaults));
        }

        if (ours is null)
        {
            throw new ArgumentNullException(nameof(ours));
        }

        var mine = ours.ToList();
        for (var i = 0; i < mine.Count; i++)
        {
            for (var j = i + 1; j < mine.Count; j++)
            {
                if (mine[i].Id != mine[j].Id && mine[i].SameSlot(mine[j]))
                {
                    throw AapProvisioningException.Configuration(ProvisioningErrorKind.DuplicateCredentialType,
                        $"{mine[i]} and {mine[j]} have the same credential type; AAP accepts one per type (per vault id).",
                        "Pass only one credential of each type.");
                }
            }
        }

        var result = new List<int>();
        foreach (var fallback in templateDefaults)
        {
            if (!mine.Any(c => c.SameSlot(fallback)) && !result.Contains(fallback.Id))
            {
                result.Add(fallback.Id);
            }
        }

        foreach (var credential in mine)
        {
            if (!result.Contains(credential.Id))
            {
                result.Add(credential.Id);
            }
        }

        return result;
    }
}
