using System;

namespace AapPacker.Engine.Provisioning;

/// <summary>A credential as the launch merge sees it: its id, its type, and the vault id for vault credentials.</summary>
internal sealed class LaunchCredential
{
    /// <summary>Creates one.</summary>
    public LaunchCredential(int id, int credentialTypeId, string? vaultId = null, string name = "")
    {
        Id = id;
        CredentialTypeId = credentialTypeId;
        VaultId = string.IsNullOrEmpty(vaultId) ? null : vaultId;
        Name = name ?? "";
    }

    /// <summary>The credential id.</summary>
    public int Id { get; }

    /// <summary>The credential type id.</summary>
    public int CredentialTypeId { get; }

    /// <summary>The vault id (vault credentials only).</summary>
    public string? VaultId { get; }

    /// <summary>The name (for messages).</summary>
    public string Name { get; }

    /// <summary>
    /// AAP's per-type slot (<c>Credential.unique_hash()</c>): the type id, or type and vault id for vault credentials.
    /// One credential per slot; a launch credential replaces the template's credential in the same slot.
    /// </summary>
    public string Slot => VaultId is null ? CredentialTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : CredentialTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + VaultId;

    /// <inheritdoc />
    public override string ToString() => $"credential {Id} '{Name}' (type {CredentialTypeId}{(VaultId is null ? "" : ", vault id " + VaultId)})";

    internal bool SameSlot(LaunchCredential other) => string.Equals(Slot, other.Slot, StringComparison.Ordinal);
}
