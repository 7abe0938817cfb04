using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Store;

/// <summary>A credential; secret inputs are kept but never shown.</summary>
internal sealed class Credential
{
    public int Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int? OrganizationId { get; set; }
    public int? UserId { get; init; }
    public int? TeamId { get; init; }
    public int CredentialTypeId { get; set; }
    public JsonObject Inputs { get; set; } = [];
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; set; }
    public bool IsSeed { get; init; }
    public bool Managed { get; init; }
}
