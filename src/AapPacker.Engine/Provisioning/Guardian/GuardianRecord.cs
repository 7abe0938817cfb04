using System.Collections.Generic;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning.Guardian
{
    /// <summary>What a guardian was told: the connection and the build's objects, and whether the build finished cleanly.</summary>
    public sealed class GuardianRecord
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
                                             || Resources.Job != null || PendingLaunch != null);

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
                case GuardianOps.Inventory:
                    Resources.Inventory = new AapInventory { Id = message.Id, Name = message.Name ?? "", BuildId = BuildId };
                    break;
                case GuardianOps.Host:
                    Resources.Hosts.Add(new AapHost { Id = message.Id, Name = message.Name ?? "", InventoryId = message.ParentId ?? 0, BuildId = BuildId });
                    break;
                case GuardianOps.Credential:
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

        /// <inheritdoc />
        public override string ToString() => $"build {BuildId}: {Resources}{(PendingLaunch is null ? "" : ", launch pending")}{(Finished ? ", finished" : "")}{(HandedOff ? ", cleanup handed over" : "")}";
    }
}
