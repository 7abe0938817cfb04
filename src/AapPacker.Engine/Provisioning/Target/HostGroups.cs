using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Puts a host into inventory groups (<c>Add-AapHost -Group</c>): each group is found by name in the host's
/// inventory or created there, then the host is associated (<c>POST groups/&lt;id&gt;/hosts/ {"id": host}</c>, the
/// sub-list "associate" form). Groups go with the inventory when it is deleted.
/// </summary>
public sealed class HostGroups
{
    private readonly IAapApi _api;

    /// <summary>Creates the helper.</summary>
    public HostGroups(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Adds the host to every named group; returns the group ids.</summary>
    public async Task<IReadOnlyList<int>> AddAsync(int inventoryId, int hostId, IEnumerable<string> groupNames, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        var inventoryGroups = "inventories/" + inventoryId.ToString(CultureInfo.InvariantCulture) + "/groups/";
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

            int? groupId = null;
            var page = await _api.GetAsync(inventoryGroups + "?name=" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false);
            if (page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() > 0)
            {
                groupId = results[0].Int("id");
            }

            if (groupId is null)
            {
                var lookup = inventoryGroups + "?name=" + Uri.EscapeDataString(name);
                var created = await _api.PostRetry.RunAsync("Create group " + name,
                    () => _api.PostAsync(inventoryGroups, new Dictionary<string, object?> { ["name"] = name }, CancellationToken.None),
                    async _ =>
                    {
                        var again = await _api.GetAsync(lookup, CancellationToken.None).ConfigureAwait(false);
                        return again.Property("results") is { ValueKind: JsonValueKind.Array } found && found.GetArrayLength() == 1 ? found[0].Clone() : (JsonElement?)null;
                    },
                    cancellationToken).ConfigureAwait(false);
                groupId = created.Int("id");
            }

            // Associating is idempotent (AAP answers 204 again), so a failed attempt is simply sent again.
            var associate = "groups/" + groupId!.Value.ToString(CultureInfo.InvariantCulture) + "/hosts/";
            await _api.PostRetry.RunAsync("Add host to group " + name,
                () => _api.PostAsync(associate, new Dictionary<string, object?> { ["id"] = hostId }, CancellationToken.None),
                _ => Task.FromResult<JsonElement?>(null), cancellationToken).ConfigureAwait(false);
            ids.Add(groupId.Value);
        }

        return ids;
    }
}
