namespace AapPacker.Infrastructure;

/// <summary>Invoke-AapPackerProvision's inventory names for -InventoryId (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionInventoryCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionInventoryCompleter()
        : base(CompletedKind.Inventory, connectsFromEnvironment: true)
    {
    }
}
