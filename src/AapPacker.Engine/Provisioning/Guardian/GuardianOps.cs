using System.Text.Json.Serialization;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>The operations of <see cref="GuardianMessage"/>.</summary>
internal static class GuardianOps
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
