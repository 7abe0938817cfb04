using System.Collections.Generic;

namespace AapPacker.Models;

/// <summary>What <c>Remove-AapBuildResources</c> (or the end of a provisioning run) removed and left.</summary>
public sealed class AapCleanupResult
{
    /// <summary>The build, when cleanup was for one build.</summary>
    public string? BuildId { get; set; }

    /// <summary>Objects deleted now.</summary>
    public IList<AapCleanupItem> Removed { get; set; } = new List<AapCleanupItem>();

    /// <summary>Objects that were already gone (404).</summary>
    public IList<AapCleanupItem> AlreadyGone { get; set; } = new List<AapCleanupItem>();

    /// <summary>
    /// Objects whose removal the cleanup guardian (process <see cref="GuardianProcessId"/>) took over because AAP made
    /// the build wait (403 while it stores the job's events, or a 202 background delete): the guardian retries,
    /// confirms each is gone and clears it from the build ledger. Each item's Reason says what AAP answered.
    /// </summary>
    public IList<AapCleanupItem> HandedOff { get; set; } = new List<AapCleanupItem>();

    /// <summary>The guardian process that took over <see cref="HandedOff"/>, if any.</summary>
    public int? GuardianProcessId { get; set; }

    /// <summary>Objects still in AAP, each with the reason (kept on request, still in use, refused).</summary>
    public IList<AapCleanupItem> Left { get; set; } = new List<AapCleanupItem>();

    /// <summary>True when nothing was left behind except on request (objects handed to the guardian are not left: it removes them).</summary>
    public bool Complete
    {
        get
        {
            foreach (var item in Left)
            {
                if (item.Outcome != AapCleanupOutcome.Kept)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <inheritdoc />
    public override string ToString()
        => $"removed {Removed.Count}, already gone {AlreadyGone.Count}, "
           + (HandedOff.Count == 0 ? "" : $"handed to the cleanup guardian {HandedOff.Count}{(GuardianProcessId is null ? "" : " (process " + GuardianProcessId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")")}, ")
           + $"left {Left.Count}";
}
