using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using AapPacker.Engine.IO;

namespace AapPacker.Engine.Api;

/// <summary>
/// The per-user cache of discovered API roots (issue 11: one or two round trips less per build, and Packer starts a
/// fresh pwsh per build, so it lives on disk): server (scheme, host, port) and any API prefix override → API root,
/// flavor, product name and when it was discovered. One JSON file, <c>cache/api-roots.json</c> under the ledger's
/// state directory, so a run with its own <c>XDG_STATE_HOME</c> has its own cache. It holds no secret and no user
/// name. Best effort throughout: an unreadable, corrupt or foreign file reads as empty and is rewritten; a write
/// goes to a file of its own and is renamed over the cache, so builds running at once never see half a file (the
/// last writer wins; a lost entry only costs one discovery). An entry older than <see cref="Lifetime"/> is ignored.
/// </summary>
internal sealed class ApiRootCache
{
    /// <summary>Set to <c>1</c> (or <c>true</c>, <c>yes</c>) to always discover: no cache is read or written.</summary>
    internal const string DisableVariable = "AAPPACKER_NO_API_ROOT_CACHE";

    /// <summary>How long a discovered root is used before it is discovered again.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The most servers kept (the newest); tests on loopback ports would grow it without end otherwise.</summary>
    private const int MaxEntries = 64;

    private const int FormatVersion = 1;

    private readonly TimeProvider _time;

    public ApiRootCache(string filePath, TimeProvider time)
    {
        FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The cache file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The default cache file: <c>cache/api-roots.json</c> under the ledger's directory
    /// (<c>$XDG_STATE_HOME/aappacker</c> or <c>~/.local/state/aappacker</c>); <c>%LOCALAPPDATA%\AapPacker\cache</c> on Windows.
    /// </summary>
    public static string DefaultFile()
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(local, "AapPacker", "cache", "api-roots.json");
        }

        return Path.Combine(AapPacker.Engine.Provisioning.BuildLedger.DefaultDirectory(), "cache", "api-roots.json");
    }

    /// <summary>True when <paramref name="value"/> (of <see cref="DisableVariable"/>) turns the cache off.</summary>
    public static bool IsDisabledBy(string? value)
    {
        var text = value?.Trim();
        return !string.IsNullOrEmpty(text) &&
            (text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The cache key of a server root and an API prefix override (null when none).</summary>
    public static string Key(Uri server, string? prefixOverride)
    {
        if (server is null)
        {
            throw new ArgumentNullException(nameof(server));
        }

        var authority = server.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        return string.IsNullOrWhiteSpace(prefixOverride) ? authority : authority + " " + PathNormalizer.NormalizePrefix(prefixOverride!);
    }

    /// <summary>The entry for <paramref name="key"/> when there is a usable one that has not expired; null otherwise.</summary>
    public ApiRootCacheEntry? TryGet(string key)
    {
        var now = _time.GetUtcNow();
        return Read().TryGetValue(key, out var entry) && !IsExpired(entry, now) ? entry : null;
    }

    /// <summary>Records what discovery found for <paramref name="key"/> (now). Never throws for I/O.</summary>
    public void Store(string key, DiscoveredApi api)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        Update(entries => entries[key] = new ApiRootCacheEntry(api.ApiRoot, api.Flavor, api.ProductName, _time.GetUtcNow()));
    }

    /// <summary>Drops the entry for <paramref name="key"/> (it proved stale). Never throws for I/O.</summary>
    public void Remove(string key) => Update(entries => entries.Remove(key));

    private void Update(Action<Dictionary<string, ApiRootCacheEntry>> change)
    {
        var now = _time.GetUtcNow();
        var entries = Read();
        foreach (var expired in entries.Where(e => IsExpired(e.Value, now)).Select(e => e.Key).ToList())
        {
            entries.Remove(expired);
        }

        change(entries);
        var kept = entries.OrderByDescending(e => e.Value.WrittenAt).Take(MaxEntries).ToList();
        Write(kept);
    }

    private static bool IsExpired(ApiRootCacheEntry entry, DateTimeOffset now)
        => entry.WrittenAt > now + TimeSpan.FromMinutes(5) || now - entry.WrittenAt >= Lifetime;

    /// <summary>The file's entries; empty when it is missing, unreadable or not a cache file of this format.</summary>
    private Dictionary<string, ApiRootCacheEntry> Read()
    {
        var entries = new Dictionary<string, ApiRootCacheEntry>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(FilePath))
            {
                return entries;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion ||
                !root.TryGetProperty("servers", out var servers) || servers.ValueKind != JsonValueKind.Object)
            {
                return entries;
            }

            foreach (var server in servers.EnumerateObject())
            {
                if (ApiRootCacheEntry.FromJson(server.Value) is { } entry)
                {
                    entries[server.Name] = entry;
                }
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException || e is FormatException || e is InvalidOperationException)
        {
            // A cache: what cannot be read is discovered again and rewritten.
            entries.Clear();
        }

        return entries;
    }

    private void Write(IReadOnlyList<KeyValuePair<string, ApiRootCacheEntry>> entries)
    {
        // A file of this writer's own, renamed over the cache: builds running at once never read half a file.
        var temporary = FilePath + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", FormatVersion);
                writer.WriteStartObject("servers");
                foreach (var entry in entries)
                {
                    writer.WritePropertyName(entry.Key);
                    entry.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            AtomicFile.Replace(temporary, FilePath);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Not written: the next build discovers again.
        }
        finally
        {
            AtomicFile.TryDelete(temporary);
        }
    }
}
