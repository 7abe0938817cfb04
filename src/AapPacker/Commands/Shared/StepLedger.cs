using System;
using System.IO;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;

namespace AapPacker.Commands.Shared;

/// <summary>
/// The ledger of an object a pipeline cmdlet creates (New-AapTempInventory, Add-AapHost, New-AapTempCredential): the
/// same file format and folder as Invoke-AapPackerProvision's, one file per object (<c>&lt;build id&gt;-&lt;suffix&gt;.json</c>,
/// so cmdlets of one build in several processes never write the same file), the create announced in it before it is
/// sent. <c>Remove-AapBuildResources -BuildId</c> and <c>-OlderThan</c> read every file of the build and delete each once
/// its object is gone. No cleanup guardian watches these cmdlets: their objects are meant to outlive the command
/// (the next step, often in another process, uses them).
/// </summary>
internal static class StepLedger
{
    /// <summary>A ledger for one object of <paramref name="build"/> (its instance suffix names the file).</summary>
    public static BuildLedger Open(BuildIdentity build)
    {
        string? directory;
        try
        {
            directory = BuildLedger.DefaultDirectory();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is PlatformNotSupportedException)
        {
            directory = null;
        }

        return new BuildLedger(build.BuildId, directory, build.InstanceSuffix) { PersistAnnouncements = true };
    }

    /// <summary>Says where the object is recorded (-Verbose), or warns that it is not.</summary>
    public static void Report(AapConnectedCmdlet cmdlet, BuildLedger ledger, string what)
    {
        if (ledger.FileError != null || ledger.FilePath is null)
        {
            cmdlet.QueueWarning($"The build ledger file could not be written ({ledger.FileError ?? "no state folder"}): if this session ends before Remove-AapBuildResources runs, "
                + $"only the name sweep (Remove-AapBuildResources -BuildId {ledger.BuildId}) finds {what}; a host added to an inventory AapPacker did not create is not found by it.");
            return;
        }

        cmdlet.QueueVerbose($"Recorded {what} in the build ledger {ledger.FilePath}; Remove-AapBuildResources -BuildId {ledger.BuildId} removes it.");
    }
}
