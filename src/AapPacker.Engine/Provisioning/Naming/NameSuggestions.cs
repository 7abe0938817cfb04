using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Finds the objects whose name starts with what the user typed, ordered by name, for tab completion: one bounded
/// list request, no resolution round trips. An organization (name, or id as digits, as the cmdlets read it)
/// narrows templates and inventories to that organization.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>At most <paramref name="max"/> objects of <paramref name="kind"/> whose name starts with <paramref name="prefix"/> (case-insensitively).</summary>
    public static async Task<IReadOnlyList<NameSuggestion>> FindAsync(IAapApi api, SuggestedKind kind, string? prefix, string? organization,
        int max, CancellationToken cancellationToken)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        var found = new List<NameSuggestion>();
        await foreach (var item in api.Named(Collection(kind)).SuggestAsync(prefix, organization, max, cancellationToken).ConfigureAwait(false))
        {
            if (item.Name is null)
            {
                continue;
            }

            var owned = kind != SuggestedKind.Organization;
            found.Add(new NameSuggestion(kind, item.Name, item.Id, owned ? item.OrganizationName : null, owned ? item.OrganizationId : null));
            if (found.Count >= max)
            {
                break; // before the next page is asked for
            }
        }

        return found;
    }

    private static NamedCollection Collection(SuggestedKind kind)
        => kind switch
        {
            SuggestedKind.JobTemplate => NamedCollection.JobTemplates,
            SuggestedKind.WorkflowJobTemplate => NamedCollection.WorkflowJobTemplates,
            SuggestedKind.Organization => NamedCollection.Organizations,
            _ => NamedCollection.Inventories,
        };
}
