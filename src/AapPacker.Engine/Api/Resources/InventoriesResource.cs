using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api.Resources;

/// <summary>AAP's <c>inventories/</c>: create-or-adopt by unique name, read, list, delete.</summary>
internal sealed class InventoriesResource : CollectionResource<InventoryRecord>
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public InventoriesResource(IAapApi api)
        : base(api, "inventories/")
    {
    }

    /// <summary>
    /// Creates an inventory whose <paramref name="name"/> is unique per build; after a transient failure it is looked
    /// up by that name and adopted when AAP made it (see <see cref="PostRetry"/>).
    /// </summary>
    public Task<InventoryRecord> CreateAsync(string name, int organizationId, string description, string variables, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["organization"] = organizationId,
            ["description"] = description,
            ["variables"] = variables,
        };
        return CreateOrAdoptAsync("inventory", Collection, body, NameQuery(name), cancellationToken);
    }

    /// <summary>Every inventory that matches <paramref name="filter"/>, following <c>next</c>.</summary>
    public IAsyncEnumerable<InventoryRecord> ListAsync(InventoryListFilter filter, CancellationToken cancellationToken)
    {
        filter ??= new InventoryListFilter();
        var query = new List<string>();
        if (filter.NameStartsWith != null)
        {
            query.Add("name__startswith=" + System.Uri.EscapeDataString(filter.NameStartsWith));
        }

        if (filter.OrganizationId.HasValue)
        {
            query.Add("organization=" + Text(filter.OrganizationId.Value));
        }

        query.Add(filter.OrderById ? "order_by=id" : "order_by=name");
        if (filter.Id.HasValue)
        {
            query.Add("id=" + Text(filter.Id.Value));
        }

        if (!string.IsNullOrEmpty(filter.Name))
        {
            query.Add("name=" + System.Uri.EscapeDataString(filter.Name));
        }

        return ListAsync(Collection, query, cancellationToken);
    }

    /// <inheritdoc />
    internal override InventoryRecord Map(JsonElement json)
        => new InventoryRecord
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name") ?? "",
            OrganizationId = json.Int("organization") ?? 0,
            OrganizationName = json.Path("summary_fields", "organization")?.String("name"),
            Description = json.String("description") ?? "",
            Created = json.Date("created"),
            ApiPath = json.String("url"),
            PendingDeletion = json.Bool("pending_deletion"),
            TotalHosts = json.Int("total_hosts"),
        };
}

/// <summary>Access to <see cref="InventoriesResource"/>.</summary>
internal static class InventoriesAccess
{
    /// <summary>AAP's inventories through <paramref name="api"/>.</summary>
    public static InventoriesResource Inventories(this IAapApi api) => new InventoriesResource(api);
}
