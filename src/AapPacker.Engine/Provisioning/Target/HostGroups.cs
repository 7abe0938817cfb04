using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Puts a host into inventory groups (<c>Add-AapHost -Group</c>): each group is found by name in the host's
/// inventory or created there, then the host is associated (<c>POST groups/&lt;id&gt;/hosts/ {"id": host}</c>, the
/// sub-list "associate" form). Groups go with the inventory when it is deleted.
/// </summary>
internal sealed class HostGroups
{
    private readonly IAapApi _api;

    /// <summary>Creates the helper.</summary>
    public HostGroups(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Adds the host to every named group; returns the group ids.</summary>
    public async Task<IReadOnlyList<int>> AddAsync(int inventoryId, int hostId, IEnumerable<string> groupNames, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        foreach (var raw in groupNames ?? Array.Empty<string>())
        {
            var name = (raw ?? "").Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (name.IndexOf(' ') >= 0)
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidGroupName, $"The group name '{name}' contains spaces; Ansible group names cannot.", "Use letters, digits and '_'.");
            }

            var groups = _api.Groups();
            var existing = await groups.FindInInventoryAsync(inventoryId, name, cancellationToken).ConfigureAwait(false);
            var groupId = existing.Count > 0 ? existing[0].Id : null;
            groupId ??= (await groups.CreateAsync(inventoryId, name, cancellationToken).ConfigureAwait(false)).Id;
            await groups.AddHostAsync(groupId!.Value, hostId, name, cancellationToken).ConfigureAwait(false);
            ids.Add(groupId.Value);
        }

        return ids;
    }
}
