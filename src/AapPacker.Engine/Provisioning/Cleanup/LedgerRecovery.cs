using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Makes a ledger file left by a killed or interrupted process safe to act on before <see cref="BuildCleanup"/> uses it:
/// a create that was announced but never answered is looked up by its unique name (a host by its name in its
/// inventory) and recorded when AAP made it with this build's marker, forgotten otherwise; a recorded object that
/// AAP now holds under another name or another build's marker is forgotten (it is not this build's object). Objects
/// AAP no longer has stay, so the cleanup reports them as already gone and clears them.
/// </summary>
public sealed class LedgerRecovery
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
        foreach (var pending in ledger.Pending.Where(e => Collection(e.ObjectType) != null))
        {
            var found = await FindByNameAsync(pending, cancellationToken).ConfigureAwait(false);
            if (found is { } item && IsMarkedFor(pending.ObjectType, item, ledger.BuildId))
            {
                var id = item.Int("id") ?? 0;
                ledger.Resolve(pending, id, item.String("url") ?? "");
                notes.Add($"{pending.ObjectType} '{pending.Name}' was being created when the process ended; AAP made it ({pending.ObjectType} {Id(id)}).");
            }
            else
            {
                ledger.Forget(pending);
                notes.Add($"{pending.ObjectType} '{pending.Name}' was being created when the process ended; AAP has no such object of build {ledger.BuildId}.");
            }
        }

        foreach (var entry in ledger.Outstanding.Where(e => Collection(e.ObjectType) != null))
        {
            JsonElement detail;
            try
            {
                detail = await _api.GetAsync(Collection(entry.ObjectType)! + Id(entry.Id) + "/", cancellationToken).ConfigureAwait(false);
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
            {
                continue; // gone: the cleanup reports it as such and clears it
            }

            if (!string.Equals(detail.String("name"), entry.Name, StringComparison.Ordinal) || !IsMarkedFor(entry.ObjectType, detail, ledger.BuildId))
            {
                ledger.Forget(entry);
                notes.Add($"{entry.ObjectType} {Id(entry.Id)} is no longer '{entry.Name}' of build {ledger.BuildId}; the ledger entry is dropped and the object left alone.");
            }
        }

        return notes;
    }

    private async Task<JsonElement?> FindByNameAsync(BuildLedgerEntry pending, CancellationToken cancellationToken)
    {
        if (pending.ObjectType == "host" && pending.ParentId is null)
        {
            return null;
        }

        var list = pending.ObjectType == "host"
            ? "inventories/" + Id(pending.ParentId!.Value) + "/hosts/"
            : Collection(pending.ObjectType)!;
        try
        {
            var page = await _api.GetAsync(list + "?name=" + Uri.EscapeDataString(pending.Name), cancellationToken).ConfigureAwait(false);
            return page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() == 1
                ? results[0].Clone()
                : (JsonElement?)null;
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
        {
            return null; // the host's inventory is gone, and the host with it
        }
    }

    /// <summary>True when the object carries this build's marker (a host: its description; others: name prefix and description).</summary>
    private static bool IsMarkedFor(string objectType, JsonElement item, string buildId)
    {
        var description = item.String("description");
        if (objectType == "host")
        {
            return string.Equals(description?.Trim(), BuildNaming.HostDescription(buildId), StringComparison.Ordinal);
        }

        return BuildNaming.IsAapPackerObject(item.String("name"), description)
               && BuildNaming.TryParseDescription(description, out var marked, out _)
               && string.Equals(marked, buildId, StringComparison.Ordinal);
    }

    private static string? Collection(string objectType) => objectType switch
    {
        "inventory" => "inventories/",
        "host" => "hosts/",
        "credential" => "credentials/",
        _ => null,
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
