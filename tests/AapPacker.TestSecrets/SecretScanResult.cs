using System.Collections.Generic;

namespace AapPacker.TestSecrets;

/// <summary>What a scan of directory trees found.</summary>
/// <param name="FilesScanned">How many files were read.</param>
/// <param name="Findings">Every hit (printable: no secret values).</param>
/// <param name="Unreadable">Files that could not be read, with the reason.</param>
public sealed record SecretScanResult(int FilesScanned, IReadOnlyList<SecretFinding> Findings, IReadOnlyList<string> Unreadable);
