using System.Collections.Generic;
using System.Linq;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>What a guardian was told: the connection and the build's objects, and whether the build finished cleanly.</summary>
internal sealed class GuardianRecord
{
    /// <summary>The build id (from hello).</summary>
    public string BuildId { get; set; } = "";

    /// <summary>The build's ledger file, if it had one.</summary>
    public string? LedgerPath { get; set; }

    /// <summary>How to reach AAP; null until hello.</summary>
    public GuardianConnection? Connection { get; set; }

    /// <summary>The build's objects, as <see cref="BuildCleanup"/> takes them.</summary>
    public AapBuildResources Resources { get; } = new AapBuildResources();

    /// <summary>The launch in flight, if its job id never arrived: (workflow?, template id, inventory id).</summary>
    public (bool Workflow, int TemplateId, int InventoryId)? PendingLaunch { get; set; }

    /// <summary>Creates announced whose object was not reported yet: type, unique name, and a host's inventory.</summary>
    public IList<(string ObjectType, string Name, int? ParentId)> PendingCreates { get; } = new List<(string, string, int?)>();

    /// <summary>True once "done" arrived: nothing to undo.</summary>
    public bool Finished { get; set; }

    /// <summary>True once "handoff" arrived: the job is over, remove what is left without canceling anything.</summary>
    public bool HandedOff { get; set; }

    /// <summary>What the guardian's own cleanup did, if it ran one.</summary>
    public AapCleanupResult? Cleanup { get; set; }

    /// <summary>True when "done" or "handoff" ended the input: the build reached its end (no cancel needed).</summary>
    public bool Ended => Finished || HandedOff;

    /// <summary>True when there is anything to cancel or remove.</summary>
    public bool HasWork => !Finished && (Resources.Inventory != null || Resources.Hosts.Count > 0 || Resources.Credential != null
                                         || Resources.Job != null || PendingLaunch != null || PendingCreates.Count > 0);

    /// <summary>Lines that could not be read (never their text: a hello line holds the secret).</summary>
    public int UnreadableLines { get; set; }

    /// <summary>Applies one protocol line.</summary>
    public void Apply(GuardianMessage message)
    {
        switch (message.Op)
        {
            case GuardianOps.Hello:
                BuildId = message.BuildId ?? "";
                Resources.BuildId = BuildId;
                LedgerPath = message.LedgerPath;
                Connection = message.Connection;
                break;
            case GuardianOps.Creating when !string.IsNullOrEmpty(message.ObjectType) && !string.IsNullOrEmpty(message.Name):
                PendingCreates.Add((message.ObjectType!, message.Name!, message.ParentId));
                break;
            case GuardianOps.Inventory:
                Created(message.Op, message.Name);
                Resources.Inventory = new AapInventory { Id = message.Id, Name = message.Name ?? "", BuildId = BuildId };
                break;
            case GuardianOps.Host:
                Created(message.Op, message.Name);
                Resources.Hosts.Add(new AapHost { Id = message.Id, Name = message.Name ?? "", InventoryId = message.ParentId ?? 0, BuildId = BuildId });
                break;
            case GuardianOps.Credential:
                Created(message.Op, message.Name);
                Resources.Credential = new AapMachineCredential { Id = message.Id, Name = message.Name ?? "", BuildId = BuildId };
                break;
            case GuardianOps.Launching:
                PendingLaunch = (message.Name == "workflow_job", message.Id, message.ParentId ?? 0);
                break;
            case GuardianOps.Job:
                Resources.Job = new AapJob { Id = message.Id, Type = message.Name ?? "job", Status = "pending", BuildId = BuildId };
                PendingLaunch = null;
                break;
            case GuardianOps.Done:
                Finished = true;
                break;
            case GuardianOps.HandOff:
                HandedOff = true;
                break;
            default:
                UnreadableLines++;
                break;
        }
    }

    /// <summary>
    /// Adds what the build's ledger file holds and this record lacks: the build writes each object to its ledger first
    /// and to the guardian right after, so a build killed in between left it only there. Returns how many were added.
    /// </summary>
    public int MergeLedger(BuildLedger? ledger)
    {
        var added = 0;
        if (ledger is null)
        {
            return added;
        }

        foreach (var entry in ledger.Outstanding)
        {
            var known = entry.ObjectType switch
            {
                GuardianOps.Inventory => Resources.Inventory?.Id == entry.Id,
                GuardianOps.Host => Resources.Hosts.Any(h => h.Id == entry.Id),
                GuardianOps.Credential => Resources.Credential?.Id == entry.Id,
                _ => true,
            };
            if (!known && (entry.ObjectType != GuardianOps.Inventory || Resources.Inventory is null)
                && (entry.ObjectType != GuardianOps.Credential || Resources.Credential is null))
            {
                Apply(new GuardianMessage { Op = entry.ObjectType, Id = entry.Id, Name = entry.Name, ParentId = entry.ParentId });
                added++;
            }
        }

        return added;
    }

    private void Created(string objectType, string? name)
    {
        for (var i = PendingCreates.Count - 1; i >= 0; i--)
        {
            if (PendingCreates[i].ObjectType == objectType && PendingCreates[i].Name == name)
            {
                PendingCreates.RemoveAt(i);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"build {BuildId}: {Resources}{(PendingCreates.Count == 0 ? "" : ", " + PendingCreates.Count + " create(s) pending")}{(PendingLaunch is null ? "" : ", launch pending")}{(Finished ? ", finished" : "")}{(HandedOff ? ", cleanup handed over" : "")}";
}
