using System.Runtime.InteropServices;

namespace AapPacker.Guardian;

/// <summary>
/// Puts the guardian in a session (and process group) of its own on Linux and macOS, so a signal to the build's
/// process group (a terminal's Ctrl-C, <c>kill -- -pgid</c>) does not reach it. Windows needs nothing: the guardian
/// has no console, so the build's Ctrl-C/Ctrl-Break never reaches it.
/// </summary>
internal static class UnixSession
{
    /// <summary>Calls <c>setsid()</c>; false when not on Unix or when it failed (already a group leader).</summary>
    public static bool Detach()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return false;
        }

        try
        {
            return setsid() >= 0;
        }
        catch (System.EntryPointNotFoundException)
        {
            return false;
        }
        catch (System.DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();
}
