namespace AapPacker.Engine.Api.Resources;

/// <summary>A credential a template launches with by default (<c>GET launch/</c>'s <c>defaults.credentials</c>).</summary>
internal sealed class LaunchDefaultCredential
{
    /// <summary>Creates one.</summary>
    public LaunchDefaultCredential(int id, int credentialTypeId, string? vaultId, string name)
    {
        Id = id;
        CredentialTypeId = credentialTypeId;
        VaultId = vaultId;
        Name = name ?? "";
    }

    /// <summary>The credential id.</summary>
    public int Id { get; }

    /// <summary>Its type's id.</summary>
    public int CredentialTypeId { get; }

    /// <summary>The vault id (vault credentials only).</summary>
    public string? VaultId { get; }

    /// <summary>The name.</summary>
    public string Name { get; }
}
