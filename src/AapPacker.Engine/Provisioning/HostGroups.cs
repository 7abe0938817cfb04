using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Provisioning
{
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
                    throw AapProvisioningException.Configuration("InvalidGroupName", $"The group name '{name}' contains spaces; Ansible group names cannot.", "Use letters, digits and '_'.");
                }

                int? groupId = null;
                var page = await _api.GetAsync(inventoryGroups + "?name=" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false);
                if (page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() > 0)
                {
                    groupId = results[0].Int("id");
                }

                if (groupId is null)
                {
                    var created = await _api.PostAsync(inventoryGroups, new Dictionary<string, object?> { ["name"] = name }, cancellationToken).ConfigureAwait(false);
                    groupId = created.Int("id");
                }

                await _api.PostAsync("groups/" + groupId!.Value.ToString(CultureInfo.InvariantCulture) + "/hosts/",
                    new Dictionary<string, object?> { ["id"] = hostId }, cancellationToken).ConfigureAwait(false);
                ids.Add(groupId.Value);
            }

            return ids;
        }
    }
}
