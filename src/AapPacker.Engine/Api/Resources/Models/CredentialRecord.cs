namespace AapPacker.Engine.Api.Resources;

/// <summary>A credential as AAP returns it (<c>credentials/&lt;id&gt;/</c>); secret inputs are never read.</summary>
internal sealed record CredentialRecord
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owning organization's id, when it has one.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>The description (AapPacker's build marker lives here); null when AAP gave none.</summary>
    public string? Description { get; set; }

    /// <summary>The credential type's id, when AAP says.</summary>
    public int? CredentialTypeId { get; set; }

    /// <summary>The type's kind (<c>ssh</c> for Machine), when AAP says.</summary>
    public string? Kind { get; set; }

    /// <summary>Whether it is a Machine credential (kind <c>ssh</c>), of which AAP allows one per launch.</summary>
    public bool IsMachine => string.Equals(Kind, "ssh", System.StringComparison.Ordinal);

    /// <summary>Its API path (<c>url</c>).</summary>
    public string? ApiPath { get; set; }

    /// <summary>The <c>username</c> input, when shown.</summary>
    public string? UserName { get; set; }

    /// <summary>The <c>vault_id</c> input of a Vault credential, when it has one.</summary>
    public string? VaultId { get; set; }
}
