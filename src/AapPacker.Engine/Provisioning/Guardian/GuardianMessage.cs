using System.Text.Json.Serialization;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// One line of the guardian protocol (JSON, one object per line, over the guardian's stdin). The first line is
/// <see cref="GuardianOps.Hello"/> with the connection (the only line with a secret); then one line per object the
/// moment it exists; <see cref="GuardianOps.Done"/> (or <see cref="GuardianOps.HandOff"/>) last on a clean finish.
/// End of input without either means the parent died: undo everything.
/// </summary>
internal sealed class GuardianMessage
{
    /// <summary>What the line says: one of <see cref="GuardianOps"/>.</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = "";

    /// <summary>The object's id (inventory, host, credential, job) or the template's (launching).</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>A host's inventory, or the inventory a launch runs against.</summary>
    [JsonPropertyName("parent")]
    public int? ParentId { get; set; }

    /// <summary>The object's name (for the log), or the job type (<c>job</c>, <c>workflow_job</c>).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Creating only: the type of the object about to be created (inventory, host, credential).</summary>
    [JsonPropertyName("type")]
    public string? ObjectType { get; set; }

    /// <summary>Hello only: the build id.</summary>
    [JsonPropertyName("build")]
    public string? BuildId { get; set; }

    /// <summary>Hello only: the build's ledger file, to mark what the guardian removed.</summary>
    [JsonPropertyName("ledger")]
    public string? LedgerPath { get; set; }

    /// <summary>Hello only: how to reach AAP.</summary>
    [JsonPropertyName("connection")]
    public GuardianConnection? Connection { get; set; }
}
