using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace AapPacker.Guardian;

/// <summary>
/// Starts the guardian with <c>posix_spawn</c> in a session (and process group) of its own from its first instruction
/// (<c>POSIX_SPAWN_SETSID</c>, Linux glibc 2.26+/musl, macOS 10.15+): when this returns, a signal to the build's
/// process group (a terminal's or CI agent's Ctrl-C, <c>kill -- -pgid</c>) can no longer reach it, so the build may
/// create objects at once. SIGINT and SIGQUIT start blocked in it, so one sent to the group while the spawn was under
/// way (still pending in the new process) is never delivered either; the guardian is stopped with SIGTERM. Its stdin
/// is a pipe (returned), its stdout and stderr are <c>/dev/null</c> (it logs to a file). A background thread reaps it.
/// </summary>
internal static class UnixSpawn
{
    private const int SetSignalMask = 0x08; // POSIX_SPAWN_SETSIGMASK, the same on Linux and macOS
    private const int Interrupt = 2; // SIGINT
    private const int Quit = 3; // SIGQUIT
    private const int WriteOnly = 1; // O_WRONLY
    private const int CloseOnExecPipe = 0x80000; // O_CLOEXEC on Linux (pipe2)
    private const int Interrupted = 4; // EINTR
    private const int NotSupported = 22; // EINVAL: an older C library without POSIX_SPAWN_SETSID
    private const int OpaqueSize = 1024; // larger than posix_spawnattr_t/posix_spawn_file_actions_t/sigset_t anywhere

    private static bool IsMac => RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    // POSIX_SPAWN_SETSID: 0x80 in glibc and musl, 0x400 on macOS.
    private static int SetSession => IsMac ? 0x400 : 0x80;

    /// <summary>
    /// Spawns <paramref name="file"/> with <paramref name="arguments"/> (argv[0] first) and <paramref name="environment"/>
    /// in a new session; returns the writer for its stdin and its process id, or null when this C library cannot
    /// start a process in a new session (the caller then starts it another way). Throws when the spawn itself failed.
    /// </summary>
    public static (TextWriter Input, int ProcessId)? TryStart(string file, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment, string workingDirectory)
    {
        var allocated = new List<IntPtr>();
        var attributes = Allocate(allocated);
        var actions = Allocate(allocated);
        var signals = Allocate(allocated);
        int[] pipe = { -1, -1 };
        var attributesReady = false;
        var actionsReady = false;
        try
        {
            Check(posix_spawnattr_init(attributes), "posix_spawnattr_init");
            attributesReady = true;
            var flagsResult = posix_spawnattr_setflags(attributes, (short)(SetSession | SetSignalMask));
            if (flagsResult == NotSupported)
            {
                return null;
            }

            Check(flagsResult, "posix_spawnattr_setflags");
            if (sigemptyset(signals) != 0 || sigaddset(signals, Interrupt) != 0 || sigaddset(signals, Quit) != 0)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error(), "sigaddset");
            }

            Check(posix_spawnattr_setsigmask(attributes, signals), "posix_spawnattr_setsigmask");

            OpenPipe(pipe);
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            Check(posix_spawn_file_actions_adddup2(actions, pipe[0], 0), "posix_spawn_file_actions_adddup2");
            var devNull = Utf8(allocated, "/dev/null");
            Check(posix_spawn_file_actions_addopen(actions, 1, devNull, WriteOnly, 0), "posix_spawn_file_actions_addopen");
            Check(posix_spawn_file_actions_addopen(actions, 2, devNull, WriteOnly, 0), "posix_spawn_file_actions_addopen");
            TryChangeDirectory(actions, Utf8(allocated, workingDirectory));

            var argv = Utf8Array(allocated, arguments);
            var envp = Utf8Array(allocated, EnvironmentLines(environment));
            var spawned = posix_spawn(out var processId, Utf8(allocated, file), actions, attributes, argv, envp);
            if (spawned == NotSupported && IsMac)
            {
                // macOS before 10.15 rejects the flag only here.
                return null;
            }

            Check(spawned, "posix_spawn " + file);
            _ = close(pipe[0]);
            pipe[0] = -1;
            var stream = new AnonymousPipeClientStream(PipeDirection.Out, new SafePipeHandle(new IntPtr(pipe[1]), ownsHandle: true));
            pipe[1] = -1;
            Reap(processId);
            return (new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" }, processId);
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            foreach (var descriptor in pipe)
            {
                if (descriptor >= 0)
                {
                    _ = close(descriptor);
                }
            }

            if (actionsReady)
            {
                _ = posix_spawn_file_actions_destroy(actions);
            }

            if (attributesReady)
            {
                _ = posix_spawnattr_destroy(attributes);
            }

            foreach (var block in allocated)
            {
                Marshal.FreeHGlobal(block);
            }
        }
    }

    /// <summary>A pipe whose ends are not inherited by any process started meanwhile (the child gets a dup2 of the read end).</summary>
    private static void OpenPipe(int[] pipe)
    {
        if (!IsMac)
        {
            if (pipe2(pipe, CloseOnExecPipe) != 0)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error(), "pipe2");
            }

            return;
        }

        // macOS has no pipe2: marked right after (FIOCLEX, _IO('f', 1)).
        if (Pipe(pipe) != 0)
        {
            throw new Win32Exception(Marshal.GetLastWin32Error(), "pipe");
        }

        foreach (var descriptor in pipe)
        {
            _ = ioctl(descriptor, new UIntPtr(0x20006601u));
        }
    }

    /// <summary>Starts in <paramref name="directory"/> where the C library can (glibc 2.29+, macOS 10.15+); else in this process's.</summary>
    private static void TryChangeDirectory(IntPtr actions, IntPtr directory)
    {
        try
        {
            _ = posix_spawn_file_actions_addchdir_np(actions, directory);
        }
        catch (EntryPointNotFoundException)
        {
            // Only where the guardian's working directory is: nothing depends on it.
        }
    }

    /// <summary>Waits for the guardian's exit on a background thread, so it never lingers as a zombie of this process.</summary>
    private static void Reap(int processId)
    {
        var thread = new Thread(() =>
        {
            // ECHILD: the runtime reaped it (when SIGCHLD was ignored at start) — nothing left to do.
            while (waitpid(processId, out _, 0) < 0 && Marshal.GetLastWin32Error() == Interrupted)
            {
            }
        })
        {
            IsBackground = true,
            Name = "AapPacker guardian reaper",
        };
        thread.Start();
    }

    private static IEnumerable<string> EnvironmentLines(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        foreach (var pair in environment)
        {
            if (pair.Value != null && pair.Key.Length > 0 && pair.Key.IndexOf('=') < 0)
            {
                yield return pair.Key + "=" + pair.Value;
            }
        }
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new Win32Exception(result, what + " failed");
        }
    }

    private static IntPtr Allocate(List<IntPtr> allocated)
    {
        var block = Marshal.AllocHGlobal(OpaqueSize);
        allocated.Add(block);
        for (var offset = 0; offset < OpaqueSize; offset += 8)
        {
            Marshal.WriteInt64(block, offset, 0);
        }

        return block;
    }

    private static IntPtr Utf8(List<IntPtr> allocated, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var block = Marshal.AllocHGlobal(bytes.Length + 1);
        allocated.Add(block);
        Marshal.Copy(bytes, 0, block, bytes.Length);
        Marshal.WriteByte(block, bytes.Length, 0);
        return block;
    }

    /// <summary>A NULL-terminated array of C strings (argv, envp).</summary>
    private static IntPtr Utf8Array(List<IntPtr> allocated, IEnumerable<string> items)
    {
        var pointers = new List<IntPtr>();
        foreach (var item in items)
        {
            pointers.Add(Utf8(allocated, item));
        }

        var block = Marshal.AllocHGlobal(IntPtr.Size * (pointers.Count + 1));
        allocated.Add(block);
        for (var i = 0; i < pointers.Count; i++)
        {
            Marshal.WriteIntPtr(block, i * IntPtr.Size, pointers[i]);
        }

        Marshal.WriteIntPtr(block, pointers.Count * IntPtr.Size, IntPtr.Zero);
        return block;
    }

    [DllImport("libc")]
    private static extern int posix_spawn(out int pid, IntPtr path, IntPtr fileActions, IntPtr attributes, IntPtr argv, IntPtr envp);

    [DllImport("libc")]
    private static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport("libc")]
    private static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport("libc")]
    private static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport("libc")]
    private static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int descriptor, int target);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_addopen(IntPtr actions, int descriptor, IntPtr path, int flags, int mode);

    [DllImport("libc")]
    private static extern int posix_spawn_file_actions_addchdir_np(IntPtr actions, IntPtr path);

    [DllImport("libc", SetLastError = true)]
    private static extern int sigemptyset(IntPtr set);

    [DllImport("libc", SetLastError = true)]
    private static extern int sigaddset(IntPtr set, int signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int pipe2(int[] descriptors, int flags);

    [DllImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static extern int Pipe(int[] descriptors);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, UIntPtr request);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);
}
