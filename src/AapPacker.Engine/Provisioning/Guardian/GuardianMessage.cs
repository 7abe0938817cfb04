using System.Text.Json.Serialization;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// One line of the guardian protocol (JSON, one object per line, over the guardian's stdin). The first line is
/// <see cref="GuardianOps.Hello"/> with the connection (the only line with a secret); then one line per object the
/// moment it exists; <see cref="GuardianOps.Done"/> (or <see cref="GuardianOps.HandOff"/>) last on a clean finish.
/// End of input without either means the parent died: undo everything.
/// </summary>
public sealed class GuardianMessage
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

/// <summary>The operations of <see cref="GuardianMessage"/>.</summary>
public static class GuardianOps
{
    /// <summary>First line: build id, ledger and connection.</summary>
    public const string Hello = "hello";

    /// <summary>A create is on its way (ObjectType, Name, ParentId: a host's inventory): found by its unique name if its id never arrives.</summary>
    public const string Creating = "creating";

    /// <summary>An inventory exists.</summary>
    public const string Inventory = "inventory";

    /// <summary>A host exists (ParentId: its inventory).</summary>
    public const string Host = "host";

    /// <summary>A Machine credential exists.</summary>
    public const string Credential = "credential";

    /// <summary>A launch POST is on its way (Id: template, ParentId: inventory, Name: job or workflow_job).</summary>
    public const string Launching = "launching";

    /// <summary>A job exists (Name: job or workflow_job).</summary>
    public const string Job = "job";

    /// <summary>
    /// The job is over and the build returns without waiting for AAP to let go of its objects: remove what is left
    /// (no cancel), confirm each is gone, clear the ledger. Last line, like <see cref="Done"/>.
    /// </summary>
    public const string HandOff = "handoff";

    /// <summary>Clean finish: nothing to undo.</summary>
    public const string Done = "done";
}
