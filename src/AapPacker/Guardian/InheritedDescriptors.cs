using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace AapPacker.Guardian;

/// <summary>
/// Keeps the guardian from inheriting file descriptors it was never meant to hold. A process on Unix passes every
/// descriptor without close-on-exec to its children, and Packer leaks two of them: its own stdout and stderr, which
/// its re-executed child holds as fds 4 and 5 and every provisioner script inherits. A guardian holding them keeps
/// Packer's output open after Packer exits, so whoever reads it (a CI agent, a test) waits for the guardian. While
/// the scope lives, such descriptors of this process are marked close-on-exec; disposing restores them, so the rest
/// of the build's script sees its descriptors as before. Linux and macOS; nothing on Windows.
/// </summary>
internal sealed class InheritedDescriptors : IDisposable
{
    private const int GetDescriptorFlags = 1; // F_GETFD, the same on Linux and macOS
    private const int CloseOnExec = 1; // FD_CLOEXEC
    private readonly List<int> _marked;

    private InheritedDescriptors(List<int> marked) => _marked = marked;

    /// <summary>Marks this process's inheritable descriptors above stderr close-on-exec until disposed.</summary>
    public static InheritedDescriptors Withheld()
    {
        var marked = new List<int>();
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return new InheritedDescriptors(marked);
        }

        try
        {
            foreach (var descriptor in OpenDescriptors())
            {
                // ioctl(FIOCLEX) rather than fcntl(F_SETFD, flags): fcntl's third argument is variadic, which
                // P/Invoke cannot pass portably (Apple arm64 puts variadic arguments on the stack).
                var flags = fcntl(descriptor, GetDescriptorFlags);
                if (flags >= 0 && (flags & CloseOnExec) == 0 && ioctl(descriptor, SetCloseOnExecRequest) == 0)
                {
                    marked.Add(descriptor);
                }
            }
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is IOException || e is UnauthorizedAccessException)
        {
            // Best effort: without it the guardian only keeps a leaked descriptor open longer.
        }

        return new InheritedDescriptors(marked);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var descriptor in _marked)
        {
            // A failure means the descriptor was closed meanwhile: nothing left to restore.
            _ = ioctl(descriptor, ClearCloseOnExecRequest);
        }

        _marked.Clear();
    }

    private static bool IsMac => RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    // FIOCLEX / FIONCLEX: _IO('f', 1) / _IO('f', 2) on macOS, 0x5451 / 0x5450 on Linux.
    private static UIntPtr SetCloseOnExecRequest => new UIntPtr(IsMac ? 0x20006601u : 0x5451u);

    private static UIntPtr ClearCloseOnExecRequest => new UIntPtr(IsMac ? 0x20006602u : 0x5450u);

    /// <summary>The open descriptors above stderr, read from /proc/self/fd (Linux) or /dev/fd (macOS).</summary>
    private static List<int> OpenDescriptors()
    {
        var directory = Directory.Exists("/proc/self/fd") ? "/proc/self/fd" : "/dev/fd";
        var descriptors = new List<int>();
        foreach (var entry in Directory.GetFileSystemEntries(directory))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor) && descriptor > 2)
            {
                descriptors.Add(descriptor);
            }
        }

        return descriptors;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int cmd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, UIntPtr request);
}
