using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Commands.Shared;

/// <summary>
/// The build id of objects created by the pipeline cmdlets: <c>-BuildId</c>; else the Packer run
/// (<c>AAPPACKER_RUN_ID</c>/<c>PACKER_RUN_UUID</c> plus <c>AAPPACKER_BUILD</c>/<c>PACKER_BUILD_NAME</c>); else one
/// random id per PowerShell session (runspace), so the inventory and the credential a session creates share it
/// and one <c>Remove-AapBuildResources -BuildId</c> finds both.
/// </summary>
internal static class SessionBuildId
{
    private static readonly ConditionalWeakTable<Runspace, Holder> Sessions = new ConditionalWeakTable<Runspace, Holder>();

    /// <summary>A new identity (fresh instance suffix) for the build id that applies.</summary>
    public static BuildIdentity Create(Runspace? runspace, string? explicitBuildId)
    {
        if (!PackerValue.IsMissing(explicitBuildId))
        {
            return BuildIdentity.Create(explicitBuildId, null, null);
        }

        var run = Read(PackerEnvironmentReader.RunIdVariable) ?? Read("PACKER_RUN_UUID");
        if (run != null)
        {
            return BuildIdentity.Create(null, run, Read(PackerEnvironmentReader.BuildVariable) ?? Read("PACKER_BUILD_NAME"));
        }

        if (runspace is null)
        {
            return BuildIdentity.Create(null, null, null);
        }

        var holder = Sessions.GetOrCreateValue(runspace);
        lock (holder)
        {
            holder.BuildId ??= BuildIdentity.Create(null, null, null).BuildId;
            return BuildIdentity.Create(holder.BuildId, null, null);
        }
    }

    private static string? Read(string name) => PackerValue.OrNull(Environment.GetEnvironmentVariable(name));

    private sealed class Holder
    {
        public string? BuildId { get; set; }
    }
}
