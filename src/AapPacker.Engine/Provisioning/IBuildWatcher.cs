using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Told about every remote object of a build the moment it exists, so something outside this process (the cleanup
/// guardian) can undo them if the process is killed before its own cleanup runs. Calls must be quick and never throw.
/// </summary>
internal interface IBuildWatcher
{
    /// <summary>
    /// The run begins, beside its preflight (on a thread of its own): start whatever is slow to start (a process), off
    /// the build's path. The preflight may still fail; then <see cref="Starting"/> never comes. Not called by every caller.
    /// </summary>
    void Prepare();

    /// <summary>Preflight passed: the first object is about to be created (whatever <see cref="Prepare"/> did not start yet starts now).</summary>
    void Starting(string buildId, string? ledgerPath);

    /// <summary>A create is about to be sent (an inventory, host or credential of this unique name): it may exist from now on even if its id never arrives.</summary>
    void Creating(string objectType, string name, int? parentId);

    /// <summary>An object exists in AAP (an inventory, host or credential).</summary>
    void Created(BuildLedgerEntry entry);

    /// <summary>The launch POST is about to be sent: a job may exist from now on even if its id never arrives.</summary>
    void Launching(bool workflowTemplate, int templateId, int inventoryId);

    /// <summary>The job exists.</summary>
    void Launched(AapJob job);

    /// <summary>
    /// The job is over and the cleanup would now wait on AAP (403 while it stores the job's events, a 202 background
    /// delete): true when the watcher takes that wait over — it removes what is left, confirms it is gone and
    /// clears the ledger — so the build can return now. After true, <see cref="Finished"/> tells it nothing more.
    /// </summary>
    bool HandOff();

    /// <summary>The process that took the cleanup over (for the report), if there is one.</summary>
    int? ProcessId { get; }

    /// <summary>The lifecycle finished, cleanup included: nothing is left for the watcher to undo.</summary>
    void Finished();
}
