namespace AapPacker.Engine.Api.Resources;

/// <summary>A credential type as AAP returns it (<c>credential_types/&lt;id&gt;/</c>).</summary>
internal sealed record CredentialTypeRecord
{
    /// <summary>The id.</summary>
    public int Id { get; set; }

    /// <summary>The (possibly translated) name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The kind (<c>ssh</c>, <c>vault</c>, <c>cloud</c>, ...), when AAP says.</summary>
    public string? Kind { get; set; }

    /// <summary>The namespace of a managed type (<c>ssh</c> for Machine), or null.</summary>
    public string? Namespace { get; set; }

    /// <summary>True for a type AAP ships and manages.</summary>
    public bool Managed { get; set; }
}
