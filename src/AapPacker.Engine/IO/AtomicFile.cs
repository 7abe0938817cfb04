using System;
using System.IO;

namespace AapPacker.Engine.IO;

/// <summary>
/// Files that several processes may read while one rewrites them (the build ledger, the API root cache): a reader
/// sees the old content or the new, never half of it, and a process killed mid-write leaves one of the two.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Puts <paramref name="temporary"/> (complete and closed) in place of <paramref name="path"/> by a rename. Throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> as the file system does.
    /// </summary>
    public static void Replace(string temporary, string path)
    {
        if (File.Exists(path))
        {
            File.Replace(temporary, path, null);
            return;
        }

        try
        {
            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the file meanwhile.
            File.Replace(temporary, path, null);
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it is there; a file that cannot be deleted is left (a harmless leftover).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Left for the next run, or for the user.
        }
    }
}
