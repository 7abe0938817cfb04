namespace AapPacker.Models;

/// <summary>A Machine credential in AAP (secrets stay in AAP; this object holds none).</summary>
public sealed class AapMachineCredential
{
    /// <summary>AAP's id.</summary>
    public int Id { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owning organization's controller id.</summary>
    public int OrganizationId { get; set; }

    /// <summary>The build this credential was created for, or null.</summary>
    public string? BuildId { get; set; }

    /// <summary>The id of the Machine credential type.</summary>
    public int CredentialTypeId { get; set; }

    /// <summary>The remote user name (not a secret).</summary>
    public string? UserName { get; set; }

    /// <summary>The credential kind as AAP reports it (<c>ssh</c> for Machine credentials).</summary>
    public string Kind { get; set; } = "ssh";

    /// <summary>How it authenticates: <c>ssh-key</c>, <c>password</c>, <c>ssh-key+password</c> or <c>none</c>.</summary>
    public string Authentication { get; set; } = "none";

    /// <summary>The API path, e.g. <c>/api/v2/credentials/57/</c>.</summary>
    public string? ApiPath { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"credential {Id} '{Name}' ({Kind}, {Authentication}, user {UserName ?? "<none>"})";
}
