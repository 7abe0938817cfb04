using System.Collections.Generic;

namespace AapPacker.Models
{
    /// <summary>What <c>Remove-AapBuildResources</c> (or the end of a provisioning run) removed and left.</summary>
    public sealed class AapCleanupResult
    {
        /// <summary>The build, when cleanup was for one build.</summary>
        public string? BuildId { get; set; }

        /// <summary>Objects deleted now.</summary>
        public IList<AapCleanupItem> Removed { get; set; } = new List<AapCleanupItem>();

        /// <summary>Objects that were already gone (404).</summary>
        public IList<AapCleanupItem> AlreadyGone { get; set; } = new List<AapCleanupItem>();

        /// <summary>Objects still in AAP, each with the reason (kept on request, still in use, refused).</summary>
        public IList<AapCleanupItem> Left { get; set; } = new List<AapCleanupItem>();

        /// <summary>True when nothing was left behind except on request.</summary>
        public bool Complete
        {
            get
            {
                foreach (var item in Left)
                {
                    if (item.Reason is null || !item.Reason.StartsWith("kept", System.StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"removed {Removed.Count}, already gone {AlreadyGone.Count}, left {Left.Count}";
    }
}
