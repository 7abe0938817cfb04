namespace AapPacker.Infrastructure;

/// <summary>Completes inventory names.</summary>
public sealed class InventoryNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public InventoryNameCompleter()
        : base(CompletedKind.Inventory, connectsFromEnvironment: true)
    {
    }
}
