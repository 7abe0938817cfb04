using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>
/// What one build created in AAP; pipe it to <c>Remove-AapBuildResources</c> to remove exactly these objects.
/// </summary>
public sealed class AapBuildResources
{
    /// <summary>The build id.</summary>
    public string BuildId { get; set; } = "";

    /// <summary>The temporary inventory (null when an existing one was used or none was created).</summary>
    public AapInventory? Inventory { get; set; }

    /// <summary>Hosts added (they go with the inventory).</summary>
    public IList<AapHost> Hosts { get; set; } = new List<AapHost>();

    /// <summary>The temporary Machine credential, if one was created.</summary>
    public AapMachineCredential? Credential { get; set; }

    /// <summary>The launched job, if any (cleanup waits for it to be terminal).</summary>
    public AapJob? Job { get; set; }

    /// <inheritdoc />
    public override string ToString()
        => $"build {BuildId}: {(Inventory is null ? "no inventory" : Inventory.ToString())}, {Hosts.Count} host(s), {(Credential is null ? "no credential" : Credential.ToString())}{(Job is null ? "" : ", " + Job)}";
}
