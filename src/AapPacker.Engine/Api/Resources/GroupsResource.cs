using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api.Resources;

/// <summary>An inventory's groups (<c>inventories/&lt;id&gt;/groups/</c>) and a group's hosts (<c>groups/&lt;id&gt;/hosts/</c>).</summary>
internal sealed class GroupsResource : CollectionResource<GroupRecord>
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public GroupsResource(IAapApi api)
        : base(api, "groups/")
    {
    }

    /// <summary>The groups named <paramref name="name"/> in one inventory (first page).</summary>
    public Task<IReadOnlyList<GroupRecord>> FindInInventoryAsync(int inventoryId, string name, CancellationToken cancellationToken)
        => FirstPageAsync(InInventory(inventoryId), NameQuery(name), cancellationToken);

    /// <summary>Creates a group in an inventory (create-or-adopt by its name, unique in the inventory).</summary>
    public Task<GroupRecord> CreateAsync(int inventoryId, string name, CancellationToken cancellationToken)
        => CreateOrAdoptAsync("group " + name, InInventory(inventoryId), new Dictionary<string, object?> { ["name"] = name }, NameQuery(name), cancellationToken);

    /// <summary>
    /// Associates a host with a group (the sub-list "associate" form). Idempotent (AAP answers 204 again), so a
    /// failed attempt is simply sent again within the retry budget.
    /// </summary>
    public Task AddHostAsync(int groupId, int hostId, string groupName, CancellationToken cancellationToken)
        => Api.PostRetry.RunAsync("Add host to group " + groupName,
            () => Api.PostAsync(ItemPath(groupId) + "hosts/", new Dictionary<string, object?> { ["id"] = hostId }, CancellationToken.None),
            _ => Task.FromResult<JsonElement?>(null), cancellationToken);

    /// <inheritdoc />
    internal override GroupRecord Map(JsonElement json) => new GroupRecord { Id = json.Int("id"), Name = json.String("name") ?? "" };

    private static string InInventory(int inventoryId) => "inventories/" + Text(inventoryId) + "/groups/";
}

/// <summary>Access to <see cref="GroupsResource"/>.</summary>
internal static class GroupsAccess
{
    /// <summary>AAP's inventory groups through <paramref name="api"/>.</summary>
    public static GroupsResource Groups(this IAapApi api) => new GroupsResource(api);
}
