using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Shared;

/// <summary>
/// What <c>-Inventory</c> (an inventory object, a host, an id or a name) points at: the inventory id, the build it
/// belongs to (from the object, or from the description marker AAP holds), and whether it is a temporary
/// AapPacker inventory (which makes a lost launch answer recoverable by looking the job up by inventory).
/// </summary>
internal sealed class InventoryReference
{
    private InventoryReference(int id, string? buildId, bool isTemporary, string display)
    {
        Id = id;
        BuildId = buildId;
        IsTemporary = isTemporary;
        Display = display;
    }

    public int Id { get; }

    public string? BuildId { get; }

    public bool IsTemporary { get; }

    /// <summary>For ShouldProcess and messages.</summary>
    public string Display { get; }

    /// <summary>Resolves the value; a bare id or name costs one GET (which also proves the inventory exists).</summary>
    public static async Task<InventoryReference> ResolveAsync(IAapApi api, object? value, CancellationToken cancellationToken)
    {
        switch (PipelineValues.Unwrap(value))
        {
            case AapInventory inventory:
                return new InventoryReference(inventory.Id, inventory.BuildId, inventory.BuildId != null, inventory.ToString());
            case AapHost host:
                {
                    // A host of a build may sit in an inventory AapPacker did not create: only AAP knows which.
                    var temporary = await ResolveKeyAsync(api, host.InventoryId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                    return new InventoryReference(temporary.Id, temporary.BuildId, temporary.IsTemporary, temporary.Display + " (of " + host + ")");
                }

            default:
                var unwrapped = PipelineValues.Unwrap(value);
                var key = PipelineValues.AsId(unwrapped)?.ToString(CultureInfo.InvariantCulture)
                    ?? (unwrapped as string)
                    ?? PipelineValues.IdProperty(value)?.ToString(CultureInfo.InvariantCulture);
                if (key is null)
                {
                    throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidInventory,
                        $"-Inventory got a {unwrapped?.GetType().Name ?? "null"}, which is not an inventory.",
                        "Pass an inventory from New-AapTempInventory, a host from Add-AapHost, or an inventory id or name.");
                }

                return await ResolveKeyAsync(api, key, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<InventoryReference> ResolveKeyAsync(IAapApi api, string key, CancellationToken cancellationToken)
    {
        var resolved = await new NamedObjectResolver(api).InventoryAsync(key, cancellationToken).ConfigureAwait(false);
        var parsed = new TemporaryResources(api).ToInventory(api.Inventories().Map(resolved.Json));
        var temporary = parsed.BuildId != null && BuildNaming.IsAapPackerObject(parsed.Name, parsed.Description);
        return new InventoryReference(parsed.Id, temporary ? parsed.BuildId : null, temporary, parsed.ToString());
    }
}
