using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api.Resources;

/// <summary>AAP's <c>hosts/</c> and an inventory's <c>inventories/&lt;id&gt;/hosts/</c> sub-list.</summary>
internal sealed class HostsResource : CollectionResource<HostRecord>
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public HostsResource(IAapApi api)
        : base(api, "hosts/")
    {
    }

    /// <summary>
    /// Adds a host to an inventory (the sub-list POST; <paramref name="variables"/> is a JSON text). The name is unique
    /// in the inventory, so after a transient failure it is looked up there and adopted when AAP made it.
    /// </summary>
    public Task<HostRecord> CreateAsync(int inventoryId, string name, string description, string variables, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = description,
            ["enabled"] = true,
            ["variables"] = variables,
        };
        return CreateOrAdoptAsync("host", InInventory(inventoryId), body, NameQuery(name), cancellationToken);
    }

    /// <summary>The hosts named <paramref name="name"/> in one inventory (first page); a 404 when the inventory is gone.</summary>
    public Task<IReadOnlyList<HostRecord>> FindInInventoryAsync(int inventoryId, string name, CancellationToken cancellationToken)
        => FirstPageAsync(InInventory(inventoryId), NameQuery(name), cancellationToken);

    /// <inheritdoc />
    internal override HostRecord Map(JsonElement json)
        => new HostRecord
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name") ?? "",
            InventoryId = json.Int("inventory"),
            Description = json.String("description"),
            ApiPath = json.String("url"),
        };

    private static string InInventory(int inventoryId) => "inventories/" + Text(inventoryId) + "/hosts/";
}

/// <summary>Access to <see cref="HostsResource"/>.</summary>
internal static class HostsAccess
{
    /// <summary>AAP's hosts through <paramref name="api"/>.</summary>
    public static HostsResource Hosts(this IAapApi api) => new HostsResource(api);
}
