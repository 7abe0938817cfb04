using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// The guardian itself, host-free: reads the protocol until "done", "handoff" or end of input. At end of input without
/// either (the build process died, e.g. SIGKILLed by Packer) it cancels the job first, then removes what the build
/// created, on its own time-bounded tokens. On "handoff" (the job is over; the build returned rather than wait for AAP
/// to let go of the inventory) it only removes and confirms. It logs ids and names only: the one secret it holds
/// arrived on its input.
/// </summary>
internal sealed class CleanupGuardian
{
    private const int LaunchLookups = 4;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;

    /// <summary>Creates a guardian that reports to <paramref name="log"/>.</summary>
    public CleanupGuardian(Action<string>? log = null, TimeProvider? timeProvider = null)
    {
        _log = log ?? (_ => { });
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long the cancel-and-cleanup may take in all (the promise is a minute).</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>
    /// How long a handed-over cleanup may take: AAP refuses the inventory delete (403) for up to a minute after the
    /// job while it stores events, then deletes in the background; the build's own cleanup allows as long.
    /// </summary>
    public TimeSpan HandOffBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reads <paramref name="input"/> to its end and undoes the build if it did not finish. Returns what it was told.</summary>
    public async Task<GuardianRecord> RunAsync(TextReader input, CancellationToken abort = default)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        var record = new GuardianRecord();
        Task<AapClient>? connecting = null;
        string? line;
        while ((line = await input.ReadLineAsync().ConfigureAwait(false)) != null)
        {
            var message = Parse(line);
            if (message is null)
            {
                record.UnreadableLines++;
                continue;
            }

            record.Apply(message);
            if (message.Op == GuardianOps.Hello && record.Connection != null)
            {
                _log($"watching build {record.BuildId} ({record.Connection})");

                // Connected ahead of need: when the build dies, the cancel goes out without a discovery first.
                connecting = AapClient.ConnectAsync(record.Connection.ToOptions(), CancellationToken.None);
            }
            else if (message.Op != GuardianOps.Hello)
            {
                _log($"{message.Op} {message.Id}{(message.Name is null ? "" : " '" + message.Name + "'")}");
            }

            if (record.Ended)
            {
                break;
            }
        }

        if (!record.Ended && record.LedgerPath != null && record.MergeLedger(BuildLedger.LoadFile(record.LedgerPath)) is var fromLedger && fromLedger > 0)
        {
            _log($"{fromLedger} object(s) found only in the ledger (the build was killed before it said so)");
        }

        if (!record.HasWork)
        {
            _log(record.Finished ? "build finished; nothing to do" : "input closed before anything was created; nothing to do");
            await DisposeQuietlyAsync(connecting).ConfigureAwait(false);
            return record;
        }

        _log(record.HandedOff
            ? "the build handed its cleanup over (the job is over): remove and confirm " + record
            : "the build process is gone without finishing: cancel and clean up " + record);
        if (connecting is null)
        {
            _log("no connection was given; the objects stay for Remove-AapBuildResources -BuildId " + record.BuildId);
            return record;
        }

        try
        {
            using (var client = await ConnectedOrRetryAsync(connecting, record.Connection!, abort).ConfigureAwait(false))
            {
                await UndoAsync(new AapClientApi(client), record, abort).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is AapApiException || e is AapConfigurationException || e is OperationCanceledException)
        {
            _log("could not reach AAP (" + e.GetType().Name + "); the objects stay for Remove-AapBuildResources -BuildId " + record.BuildId);
        }

        return record;
    }

    /// <summary>Cancels the job (found by its inventory if the launch answer never came), then removes the objects.</summary>
    public async Task UndoAsync(IAapApi api, GuardianRecord record, CancellationToken abort = default)
    {
        if (api is null || record is null)
        {
            throw new ArgumentNullException(api is null ? nameof(api) : nameof(record));
        }

        var resources = record.Resources;
        if (record.HandedOff)
        {
            await RemoveAsync(api, record, HandOffBudget, TimeSpan.FromTicks(HandOffBudget.Ticks / 5), abort).ConfigureAwait(false);
            return;
        }

        var cancelBudget = TimeSpan.FromTicks(Budget.Ticks / 3);
        using (var cancelTime = _time.CreateCancellationTokenSource(cancelBudget))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancelTime.Token, abort))
        {
            try
            {
                await FindPendingCreatesAsync(api, record, linked.Token).ConfigureAwait(false);
                if (resources.Job is null && record.PendingLaunch is { } launch && launch.InventoryId != 0)
                {
                    // The POST may still be on its way to AAP when the build dies: look a few times before deciding none started.
                    var launcher = new JobLauncher(api, _time);
                    for (var attempt = 1; attempt <= LaunchLookups && resources.Job is null; attempt++)
                    {
                        if (await launcher.FindLaunchedAsync(launch.Workflow, launch.TemplateId, launch.InventoryId, linked.Token).ConfigureAwait(false) is { } found)
                        {
                            resources.Job = launcher.ToJob(found, launch.TemplateId, record.BuildId);
                            _log($"found the launched {resources.Job.Type} {resources.Job.Id}");
                        }
                        else if (attempt < LaunchLookups)
                        {
                            await _time.Delay(TimeSpan.FromSeconds(1), linked.Token).ConfigureAwait(false);
                        }
                    }

                    if (resources.Job is null)
                    {
                        _log("no job of the pending launch was found");
                    }
                }

                if (resources.Job != null)
                {
                    _log($"canceling {resources.Job.Type} {resources.Job.Id}");
                    resources.Job.Status = await new JobCanceller(api, _time) { PollInterval = TimeSpan.FromMilliseconds(500) }
                        .CancelAsync(resources.Job.KindOf(), resources.Job.Id, cancelBudget, linked.Token).ConfigureAwait(false);
                    _log($"{resources.Job.Type} {resources.Job.Id} is {resources.Job.Status}");
                }
            }
            catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
            {
                _log($"could not cancel the job ({e.GetType().Name}); removing what can be removed");
            }
        }

        await RemoveAsync(api, record, Budget - cancelBudget, cancelBudget, abort).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks up each create whose answer never came by its unique name (a few times: the POST may still be on its way
    /// to AAP), and adds what it finds to the record. A host counts only if it carries this build's marker: a host
    /// of the same name in a shared inventory may be someone else's.
    /// </summary>
    private async Task FindPendingCreatesAsync(IAapApi api, GuardianRecord record, CancellationToken cancellationToken)
    {
        foreach (var (objectType, name, parentId) in record.PendingCreates.ToList())
        {
            if (objectType != GuardianOps.Inventory && objectType != GuardianOps.Credential && !(objectType == GuardianOps.Host && parentId.HasValue))
            {
                continue;
            }

            int? found = null;
            for (var attempt = 1; attempt <= LaunchLookups && found is null; attempt++)
            {
                found = await FindCreatedAsync(api, objectType, name, parentId, record.BuildId, cancellationToken).ConfigureAwait(false);
                if (found is null && attempt < LaunchLookups)
                {
                    await _time.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
            }

            if (found is int id)
            {
                record.Apply(new GuardianMessage { Op = objectType, Id = id, Name = name, ParentId = parentId });
                _log($"found the {objectType} {id} '{name}' whose create answer never reached the build");
            }
            else
            {
                record.PendingCreates.Remove((objectType, name, parentId));
                _log($"no {objectType} '{name}' was created");
            }
        }
    }

    /// <summary>The id of the first object of that name (a host: in its inventory, with this build's marker), or null.</summary>
    private static async Task<int?> FindCreatedAsync(IAapApi api, string objectType, string name, int? parentId, string buildId, CancellationToken cancellationToken)
    {
        if (objectType == GuardianOps.Host)
        {
            var hosts = await api.Hosts().FindInInventoryAsync(parentId!.Value, name, cancellationToken).ConfigureAwait(false);
            return hosts.FirstOrDefault(h => h.Description == BuildNaming.HostDescription(buildId))?.Id;
        }

        if (objectType == GuardianOps.Credential)
        {
            var credentials = await api.Credentials().FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
            return credentials.Count > 0 ? credentials[0].Id : null;
        }

        var inventories = await api.Inventories().FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return inventories.Count > 0 ? inventories[0].Id : null;
    }

    /// <summary>Removes the record's objects (after its job is terminal) and marks them in the build's ledger.</summary>
    private async Task RemoveAsync(IAapApi api, GuardianRecord record, TimeSpan budget, TimeSpan jobWait, CancellationToken abort)
    {
        var ledger = record.LedgerPath is null ? null : BuildLedger.LoadFile(record.LedgerPath);
        var options = new BuildCleanupOptions
        {
            Timeout = budget,
            JobWait = jobWait,
            RetryDelay = TimeSpan.FromMilliseconds(500),
            MaxRetryDelay = TimeSpan.FromSeconds(4),
            InventoryGoneWait = TimeSpan.FromTicks(budget.Ticks / 2),
        };
        var cleanup = new BuildCleanup(api, options, _time, _log)
        {
            OnItem = (item, what) => _log($"{item.ObjectType} {item.Id} '{item.Name}': {what}"),
        };
        record.Cleanup = await cleanup.RunAsync(record.Resources, ledger, abort).ConfigureAwait(false);
        _log("cleanup: " + record.Cleanup);
    }

    /// <summary>The early connection, or one more attempt now if AAP was not reachable when the build started.</summary>
    private async Task<AapClient> ConnectedOrRetryAsync(Task<AapClient> connecting, GuardianConnection connection, CancellationToken abort)
    {
        try
        {
            return await connecting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
        {
            _log("the early connection failed (" + e.GetType().Name + "); connecting again");
            using (var bounded = _time.CreateCancellationTokenSource(TimeSpan.FromTicks(Budget.Ticks / 3)))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, abort))
            {
                return await AapClient.ConnectAsync(connection.ToOptions(), linked.Token).ConfigureAwait(false);
            }
        }
    }

    private static GuardianMessage? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line, GuardianJson.Default.GuardianMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task DisposeQuietlyAsync(Task<AapClient>? connecting)
    {
        if (connecting is null)
        {
            return;
        }

        try
        {
            (await connecting.ConfigureAwait(false)).Dispose();
        }
        catch (Exception e) when (e is AapApiException || e is AapConfigurationException || e is OperationCanceledException)
        {
            // Nothing to undo, so an unreachable AAP does not matter.
        }
    }
}
