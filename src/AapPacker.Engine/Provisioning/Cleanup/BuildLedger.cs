using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using AapPacker.Engine.IO;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The build's undo list (design.md habit 3): every object is recorded the moment AAP confirms it exists, in memory
/// and, when a directory is given, in a JSON file, so <c>Remove-AapBuildResources</c> can finish the cleanup after
/// the process was killed (Packer kills shell-local children on cancel). No secret is ever written.
/// Thread-safe.
/// </summary>
internal sealed class BuildLedger
{
    private readonly object _gate = new object();
    private readonly List<BuildLedgerEntry> _entries = new List<BuildLedgerEntry>();

    /// <summary>Creates a ledger; <paramref name="directory"/> null keeps it in memory only.</summary>
    public BuildLedger(string buildId, string? directory, string instanceSuffix = "")
    {
        BuildId = buildId ?? throw new ArgumentNullException(nameof(buildId));
        if (directory != null)
        {
            var file = BuildIdentity.Sanitize(buildId) + (string.IsNullOrEmpty(instanceSuffix) ? "" : "-" + instanceSuffix) + ".json";
            FilePath = Path.Combine(directory, file);
        }
    }

    /// <summary>The build id.</summary>
    public string BuildId { get; }

    /// <summary>Called after each <see cref="Record"/> (e.g. to tell the cleanup guardian), outside the ledger's lock.</summary>
    public Action<BuildLedgerEntry>? Recorded { get; set; }

    /// <summary>
    /// Called by <see cref="Announce"/> just before a create is sent (type, name, parent inventory), so the cleanup
    /// guardian can find an object whose answer never arrived because the process was killed meanwhile.
    /// </summary>
    public Action<string, string, int?>? Creating { get; set; }

    /// <summary>
    /// When true, <see cref="Announce"/> also writes the create to the file (as a <see cref="BuildLedgerEntry.Pending"/>
    /// entry) before it is sent: the pipeline cmdlets have no cleanup guardian to tell, so the file alone must let
    /// <c>Remove-AapBuildResources</c> find an object whose answer never arrived.
    /// </summary>
    public bool PersistAnnouncements { get; set; }

    /// <summary>The ledger file, or null when in memory only.</summary>
    public string? FilePath { get; private set; }

    /// <summary>The entries in creation order.</summary>
    public IReadOnlyList<BuildLedgerEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    /// <summary>Entries not yet removed.</summary>
    public IReadOnlyList<BuildLedgerEntry> Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _entries.Where(e => !e.Removed && !e.Pending).ToList();
            }
        }
    }

    /// <summary>Creates announced (with <see cref="PersistAnnouncements"/>) whose answer never arrived, not yet resolved.</summary>
    public IReadOnlyList<BuildLedgerEntry> Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Where(e => !e.Removed && e.Pending).ToList();
            }
        }
    }

    /// <summary>The default ledger directory: <c>$XDG_STATE_HOME/aappacker</c> or <c>~/.local/state/aappacker</c>; <c>%LOCALAPPDATA%\AapPacker\ledger</c> on Windows.</summary>
    public static string DefaultDirectory()
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(local, "AapPacker", "ledger");
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (!string.IsNullOrEmpty(state) && Path.IsPathRooted(state))
        {
            return Path.Combine(state, "aappacker");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "aappacker");
    }

    /// <summary>Records an object (and writes the file first thing, so a crash right after still leaves a trace).</summary>
    public BuildLedgerEntry Record(string objectType, int id, string name, string apiPath, DateTimeOffset createdAt, int? parentId = null)
    {
        var entry = new BuildLedgerEntry { ObjectType = objectType, Id = id, Name = name, BuildId = BuildId, ApiPath = apiPath, CreatedAt = createdAt, ParentId = parentId };
        lock (_gate)
        {
            // The announcement is answered: the real entry replaces it in the same write.
            _entries.RemoveAll(e => e.Pending && e.ObjectType == objectType && e.Name == name);
            _entries.Add(entry);
            SaveLocked();
        }

        Recorded?.Invoke(entry);
        return entry;
    }

    /// <summary>
    /// Says that an object of this type and (unique) name is about to be created; written to the file only with
    /// <see cref="PersistAnnouncements"/>.
    /// </summary>
    public void Announce(string objectType, string name, int? parentId = null, DateTimeOffset? at = null)
    {
        if (PersistAnnouncements)
        {
            lock (_gate)
            {
                _entries.Add(new BuildLedgerEntry
                {
                    ObjectType = objectType, Name = name, BuildId = BuildId, ParentId = parentId, Pending = true, CreatedAt = at ?? DateTimeOffset.UtcNow,
                });
                SaveLocked();
            }
        }

        Creating?.Invoke(objectType, name, parentId);
    }

    /// <summary>An announced create that AAP refused (a 4xx: nothing was made): off the ledger.</summary>
    public void Withdraw(string objectType, string name)
    {
        lock (_gate)
        {
            if (_entries.RemoveAll(e => e.Pending && e.ObjectType == objectType && e.Name == name) > 0)
            {
                SaveLocked();
            }
        }
    }

    /// <summary>An announced create found in AAP after all: it becomes a recorded entry with its id.</summary>
    public void Resolve(BuildLedgerEntry pending, int id, string apiPath)
    {
        if (pending is null)
        {
            throw new ArgumentNullException(nameof(pending));
        }

        lock (_gate)
        {
            foreach (var entry in _entries.Where(e => e.Pending && e.ObjectType == pending.ObjectType && e.Name == pending.Name))
            {
                entry.Pending = false;
                entry.Id = id;
                entry.ApiPath = apiPath ?? "";
            }

            SaveLocked();
        }
    }

    /// <summary>An entry that is not (or no longer) this build's object: an announced create AAP never made, or an id that now names another object.</summary>
    public void Forget(BuildLedgerEntry entry)
    {
        if (entry is null)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        lock (_gate)
        {
            foreach (var match in _entries.Where(e => e.ObjectType == entry.ObjectType && e.Name == entry.Name && e.Id == entry.Id && e.Pending == entry.Pending))
            {
                match.Removed = true;
            }

            SaveLocked();
        }
    }

    /// <summary>Marks an object as removed (or already gone). The file is deleted when nothing is outstanding.</summary>
    public void MarkRemoved(string objectType, int id)
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Where(e => !e.Pending && e.ObjectType == objectType && e.Id == id))
            {
                entry.Removed = true;
            }

            SaveLocked();
        }
    }

    /// <summary>The outstanding objects as resources for <see cref="BuildCleanup"/> (e.g. after a crash).</summary>
    public AapPacker.Models.AapBuildResources ToResources()
    {
        var resources = new AapPacker.Models.AapBuildResources { BuildId = BuildId };
        foreach (var entry in Outstanding)
        {
            switch (entry.ObjectType)
            {
                case "inventory":
                    resources.Inventory = new AapPacker.Models.AapInventory { Id = entry.Id, Name = entry.Name, BuildId = BuildId, ApiPath = entry.ApiPath };
                    break;
                case "host":
                    resources.Hosts.Add(new AapPacker.Models.AapHost { Id = entry.Id, Name = entry.Name, InventoryId = entry.ParentId ?? 0, BuildId = BuildId, ApiPath = entry.ApiPath });
                    break;
                case "credential":
                    resources.Credential = new AapPacker.Models.AapMachineCredential { Id = entry.Id, Name = entry.Name, BuildId = BuildId, ApiPath = entry.ApiPath };
                    break;
            }
        }

        return resources;
    }

    /// <summary>Loads every ledger file in a directory (unreadable files are skipped).</summary>
    public static IReadOnlyList<BuildLedger> LoadAll(string directory)
    {
        var result = new List<BuildLedger>();
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var file in Directory.GetFiles(directory, "*.json"))
        {
            if (LoadFile(file) is { } ledger)
            {
                result.Add(ledger);
            }
        }

        return result;
    }

    /// <summary>
    /// The ledger files in <paramref name="directory"/> that a sweep may finish: of build <paramref name="buildId"/>
    /// when given, and whose newest entry is at least <paramref name="olderThan"/> old when given (so a sweep never
    /// touches a build that is still creating objects). At least one filter is needed.
    /// </summary>
    public static IReadOnlyList<BuildLedger> Find(string directory, string? buildId, TimeSpan? olderThan, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(buildId) && olderThan is null)
        {
            return Array.Empty<BuildLedger>();
        }

        return LoadAll(directory)
            .Where(l => string.IsNullOrWhiteSpace(buildId) || BuildNaming.BuildIdMatches(l.BuildId, buildId!))
            .Where(l => olderThan is null || now - l.Entries.Max(e => e.CreatedAt) >= olderThan.Value)
            .ToList();
    }

    /// <summary>Loads one ledger file; null when it is missing, empty or unreadable.</summary>
    public static BuildLedger? LoadFile(string file)
    {
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }

            var entries = JsonSerializer.Deserialize(File.ReadAllText(file), LedgerJson.Default.ListBuildLedgerEntry);
            if (entries is null || entries.Count == 0)
            {
                return null;
            }

            var ledger = new BuildLedger(entries[0].BuildId, null) { FilePath = file };
            ledger._entries.AddRange(entries);
            return ledger;
        }
        catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
        {
            // A half-written or foreign file must not stop the sweep of the others.
            return null;
        }
    }

    private void SaveLocked()
    {
        if (FilePath is null)
        {
            return;
        }

        try
        {
            if (_entries.All(e => e.Removed))
            {
                if (File.Exists(FilePath))
                {
                    File.Delete(FilePath);
                }

                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_entries, LedgerJson.Default.ListBuildLedgerEntry));

            // One rename: a process killed here leaves the old file or the new one, never none.
            AtomicFile.Replace(temporary, FilePath);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // The in-memory ledger still drives this run's cleanup; losing the file only loses crash recovery.
            FileError = e.Message;
        }
    }

    /// <summary>The last file error, if writing the ledger file failed (the cleanup still runs from memory).</summary>
    public string? FileError { get; private set; }

    /// <inheritdoc />
    public override string ToString() => $"ledger for {BuildId}: {Outstanding.Count} outstanding of {Entries.Count}";
}
