using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AapPacker.Engine.Provisioning
{
    /// <summary>
    /// The build's undo list (design.md habit 3): every object is recorded the moment AAP confirms it exists, in memory
    /// and, when a directory is given, in a JSON file, so <c>Remove-AapBuildResources</c> can finish the cleanup after
    /// the process was killed (Packer kills shell-local children on cancel). No secret is ever written.
    /// Thread-safe.
    /// </summary>
    public sealed class BuildLedger
    {
        private static readonly JsonSerializerOptions FileJson = new JsonSerializerOptions { WriteIndented = true };
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
                    return _entries.Where(e => !e.Removed).ToList();
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
                _entries.Add(entry);
                SaveLocked();
            }

            Recorded?.Invoke(entry);
            return entry;
        }

        /// <summary>Says that an object of this type and (unique) name is about to be created; nothing is written to the file.</summary>
        public void Announce(string objectType, string name, int? parentId = null) => Creating?.Invoke(objectType, name, parentId);

        /// <summary>Marks an object as removed (or already gone). The file is deleted when nothing is outstanding.</summary>
        public void MarkRemoved(string objectType, int id)
        {
            lock (_gate)
            {
                foreach (var entry in _entries.Where(e => e.ObjectType == objectType && e.Id == id))
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

                var entries = JsonSerializer.Deserialize<List<BuildLedgerEntry>>(File.ReadAllText(file), FileJson);
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
                File.WriteAllText(temporary, JsonSerializer.Serialize(_entries, FileJson));
#if NET8_0_OR_GREATER
                // One rename: a process killed here leaves the old file or the new one, never none.
                File.Move(temporary, FilePath, overwrite: true);
#else
                if (File.Exists(FilePath))
                {
                    File.Replace(temporary, FilePath, null);
                }
                else
                {
                    File.Move(temporary, FilePath);
                }
#endif
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
}
