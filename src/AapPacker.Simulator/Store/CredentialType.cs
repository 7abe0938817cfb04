namespace AapPacker.Simulator.Store;

/// <summary>A credential type; managed ones ship with the controller.</summary>
internal sealed class CredentialType
{
    public int Id { get; init; }
    public required string Name { get; init; }
    /// <summary>ssh, vault, net, scm, cloud, insights, registry, token, external, kubernetes, galaxy, cryptography.</summary>
    public required string Kind { get; init; }
    public required string Namespace { get; init; }
    public bool Managed { get; init; } = true;
    public string Description { get; init; } = "";
    /// <summary>Input field ids that are secret (read back as <c>$encrypted$</c>).</summary>
    public IReadOnlyList<CredentialInputField> Fields { get; init; } = [];
    public DateTimeOffset Created { get; init; }
}

/// <summary>One input of a credential type.</summary>
internal sealed record CredentialInputField(string Id, string Label, bool Secret, bool Multiline = false, bool AskAtRuntime = false);
