using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Makes a ledger file left by a killed or interrupted process safe to act on before <see cref="BuildCleanup"/> uses it:
/// a create that was announced but never answered is looked up by its unique name (a host by its name in its
/// inventory) and recorded when AAP made it with this build's marker, forgotten otherwise; a recorded object that
/// AAP now holds under another name or another build's marker is forgotten (it is not this build's object). Objects
/// AAP no longer has stay, so the cleanup reports them as already gone and clears them.
/// </summary>
internal sealed class LedgerRecovery
{
    private readonly IAapApi _api;

    /// <summary>Creates the recovery on a connected client.</summary>
    public LedgerRecovery(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Resolves the pending creates and checks the recorded objects; returns one line per change, for -Verbose.</summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(BuildLedger ledger, CancellationToken cancellationToken)
    {
        if (ledger is null)
        {
            throw new ArgumentNullException(nameof(ledger));
        }

        var notes = new List<string>();
        foreach (var pending in ledger.Pending.Where(e => IsKnown(e.ObjectType)))
        {
            var found = await FindByNameAsync(pending, cancellationToken).ConfigureAwait(false);
            if (found is { } item && IsMarkedFor(pending.ObjectType, item, ledger.BuildId))
            {
                ledger.Resolve(pending, item.Id, item.ApiPath ?? "");
                notes.Add($"{pending.ObjectType} '{pending.Name}' was being created when the process ended; AAP made it ({pending.ObjectType} {Id(item.Id)}).");
            }
            else
            {
                ledger.Forget(pending);
                notes.Add($"{pending.ObjectType} '{pending.Name}' was being created when the process ended; AAP has no such object of build {ledger.BuildId}.");
            }
        }

        foreach (var entry in ledger.Outstanding.Where(e => IsKnown(e.ObjectType)))
        {
            var detail = await GetAsync(entry.ObjectType, entry.Id, cancellationToken).ConfigureAwait(false);
            if (detail is null)
            {
                continue; // gone: the cleanup reports it as such and clears it
            }

            if (!string.Equals(detail.Name, entry.Name, StringComparison.Ordinal) || !IsMarkedFor(entry.ObjectType, detail, ledger.BuildId))
            {
                ledger.Forget(entry);
                notes.Add($"{entry.ObjectType} {Id(entry.Id)} is no longer '{entry.Name}' of build {ledger.BuildId}; the ledger entry is dropped and the object left alone.");
            }
        }

        return notes;
    }

    /// <summary>The one object of that name (a host: in its inventory), or null when none or several.</summary>
    private async Task<Marked?> FindByNameAsync(BuildLedgerEntry pending, CancellationToken cancellationToken)
    {
        if (pending.ObjectType == "host" && pending.ParentId is null)
        {
            return null;
        }

        try
        {
            IReadOnlyList<Marked> found = pending.ObjectType switch
            {
                "host" => (await _api.Hosts().FindInInventoryAsync(pending.ParentId!.Value, pending.Name, cancellationToken).ConfigureAwait(false)).Select(Marked.Of).ToList(),
                "credential" => (await _api.Credentials().FindByNameAsync(pending.Name, cancellationToken).ConfigureAwait(false)).Select(Marked.Of).ToList(),
                _ => (await _api.Inventories().FindByNameAsync(pending.Name, cancellationToken).ConfigureAwait(false)).Select(Marked.Of).ToList(),
            };
            return found.Count == 1 ? found[0] : null;
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
        {
            return null; // the host's inventory is gone, and the host with it
        }
    }

    /// <summary>The recorded object as AAP has it now, or null when it is gone.</summary>
    private async Task<Marked?> GetAsync(string objectType, int id, CancellationToken cancellationToken)
        => objectType switch
        {
            "host" => await _api.Hosts().GetOrNullAsync(id, cancellationToken).ConfigureAwait(false) is { } host ? Marked.Of(host) : null,
            "credential" => await _api.Credentials().GetOrNullAsync(id, cancellationToken).ConfigureAwait(false) is { } credential ? Marked.Of(credential) : null,
            _ => await _api.Inventories().GetOrNullAsync(id, cancellationToken).ConfigureAwait(false) is { } inventory ? Marked.Of(inventory) : null,
        };

    /// <summary>True when the object carries this build's marker (a host: its description; others: name prefix and description).</summary>
    private static bool IsMarkedFor(string objectType, Marked item, string buildId)
    {
        var description = item.Description;
        if (objectType == "host")
        {
            return string.Equals(description?.Trim(), BuildNaming.HostDescription(buildId), StringComparison.Ordinal);
        }

        return BuildNaming.IsAapPackerObject(item.Name, description)
               && BuildNaming.TryParseDescription(description, out var marked, out _)
               && string.Equals(marked, buildId, StringComparison.Ordinal);
    }

    private static bool IsKnown(string objectType) => objectType == "inventory" || objectType == "host" || objectType == "credential";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the recovery compares: id, name, description and API path of any of the three kinds.</summary>
    private sealed class Marked
    {
        private Marked(int id, string name, string? description, string? apiPath)
        {
            Id = id;
            Name = name;
            Description = description;
            ApiPath = apiPath;
        }

        public int Id { get; }

        public string Name { get; }

        public string? Description { get; }

        public string? ApiPath { get; }

        public static Marked Of(InventoryRecord r) => new Marked(r.Id, r.Name, r.Description, r.ApiPath);

        public static Marked Of(HostRecord r) => new Marked(r.Id, r.Name, r.Description, r.ApiPath);

        public static Marked Of(CredentialRecord r) => new Marked(r.Id, r.Name, r.Description, r.ApiPath);
    }
}
