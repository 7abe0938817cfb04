using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Removes what a build created, in a dependency-safe order and only after its job is terminal (a pending job
/// whose credential vanished would start without it, aap-api.md §5.4; a job the build saw end is not asked again):
/// the credential, and at the same time hosts added to inventories that stay, then the inventory (its hosts go with
/// it) — the two branches do not depend on each other. 404 means already gone; 409 (active jobs)
/// and 403 ("still processing events", up to a minute after a job ends) are waited out with bounded backoff; an
/// inventory's 202 is followed until it 404s. It runs on its OWN time-bounded token — never the build's, which is
/// usually the one that was canceled. What cannot be removed is reported with the reason. With <see cref="HandOff"/>
/// set, the first wait AAP imposes (403/409, or a 202 to confirm) is handed over instead of waited out: that object
/// and the rest go to <see cref="AapCleanupResult.HandedOff"/> and stay on the ledger for whoever took them.
/// </summary>
internal sealed class BuildCleanup
{
    private readonly IAapApi _api;
    private readonly BuildCleanupOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private string _lastRefusal = "";
    private Func<bool>? _handOff;
    private string? _handedOverReason;

    /// <summary>Creates a cleanup.</summary>
    public BuildCleanup(IAapApi api, BuildCleanupOptions? options = null, TimeProvider? timeProvider = null, Action<string>? warn = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new BuildCleanupOptions();
        _time = timeProvider ?? TimeProvider.System;
        _warn = warn ?? (_ => { });
    }

    /// <summary>Called after each object is handled (for progress lines).</summary>
    public Action<AapCleanupItem, string>? OnItem { get; set; }

    /// <summary>
    /// Asked once, when AAP first makes the cleanup wait: true when someone else (the cleanup guardian) takes over the
    /// waiting object and everything after it. Null: always wait here.
    /// </summary>
    public Func<bool>? HandOff
    {
        get => Volatile.Read(ref _handOff);
        set => Volatile.Write(ref _handOff, value);
    }

    /// <summary>
    /// Removes the build's objects. <paramref name="abort"/> is an optional hard stop (e.g. a second Ctrl-C); it is
    /// NOT the build's token.
    /// </summary>
    public async Task<AapCleanupResult> RunAsync(AapBuildResources resources, BuildLedger? ledger, CancellationToken abort = default)
    {
        if (resources is null)
        {
            throw new ArgumentNullException(nameof(resources));
        }

        var result = new AapCleanupResult { BuildId = resources.BuildId };
        using (var bounded = _time.CreateCancellationTokenSource(_options.Timeout))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(bounded.Token, abort))
        {
            var token = linked.Token;
            try
            {
                if (resources.Job != null && !await WaitForJobAsync(resources.Job, token).ConfigureAwait(false))
                {
                    var reason = $"job {resources.Job.Id} is still {resources.Job.Status}; removing now could change the running job";
                    LeaveRest(resources, result, reason);
                    return result;
                }

                // The credential and the inventory do not depend on each other: both DELETEs go out at once.
                await BothAsync(
                    DeleteCredentialAsync(resources, result, ledger, token),
                    DeleteHostsAndInventoryAsync(resources, result, ledger, token)).ConfigureAwait(false);
            }
            catch (HandedOver handedOver)
            {
                HandRest(resources, result, handedOver.Reason);
            }
            catch (OperationCanceledException) when (!abort.IsCancellationRequested || bounded.IsCancellationRequested)
            {
                LeaveRest(resources, result, $"cleanup ran out of time ({_options.Timeout})" + (_lastRefusal.Length == 0 ? "" : "; last answer " + _lastRefusal));
            }
            catch (OperationCanceledException)
            {
                LeaveRest(resources, result, "cleanup was interrupted");
            }
            catch (AapApiException e)
            {
                LeaveRest(resources, result, "AAP error: " + e.Message);
            }
        }

        foreach (var left in result.Left.Where(l => l.Outcome != AapCleanupOutcome.Kept))
        {
            _warn($"Could not remove {left.ObjectType} {left.Id} '{left.Name}': {left.Reason}. Remove it later with: Remove-AapBuildResources -BuildId '{resources.BuildId}'");
        }

        return result;
    }

    private async Task DeleteCredentialAsync(AapBuildResources resources, AapCleanupResult result, BuildLedger? ledger, CancellationToken token)
    {
        if (resources.Credential is null)
        {
            return;
        }

        var item = Item("credential", resources.Credential.Id, resources.Credential.Name);
        if (_options.KeepCredential)
        {
            Kept(result, item, "kept (-KeepCredential)", ledger);
        }
        else
        {
            await DeleteAsync(item, result, ledger, token).ConfigureAwait(false);
        }
    }

    private async Task DeleteHostsAndInventoryAsync(AapBuildResources resources, AapCleanupResult result, BuildLedger? ledger, CancellationToken token)
    {
        var inventoryId = resources.Inventory?.Id;
        foreach (var host in resources.Hosts)
        {
            var item = Item("host", host.Id, host.Name);
            if (_options.KeepInventory)
            {
                Kept(result, item, "kept (-KeepInventory)", ledger);
            }
            else if (inventoryId.HasValue && host.InventoryId == inventoryId.Value)
            {
                continue; // goes with its inventory
            }
            else
            {
                await DeleteAsync(item, result, ledger, token).ConfigureAwait(false);
            }
        }

        if (resources.Inventory != null)
        {
            var item = Item("inventory", resources.Inventory.Id, resources.Inventory.Name);
            if (_options.KeepInventory)
            {
                Kept(result, item, "kept (-KeepInventory)", ledger);
            }
            else
            {
                await DeleteAsync(item, result, ledger, token).ConfigureAwait(false);
                bool left;
                lock (result)
                {
                    left = result.Left.Any(l => l.Id == item.Id && l.ObjectType == "inventory");
                }

                if (!left)
                {
                    foreach (var host in resources.Hosts.Where(h => h.InventoryId == item.Id))
                    {
                        ledger?.MarkRemoved("host", host.Id);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Awaits both branches; when either handed its wait over, that is what surfaces (the other branch has finished
    /// by then, so the hand-over names only what is still unhandled).
    /// </summary>
    private static async Task BothAsync(Task first, Task second)
    {
        try
        {
            await Task.WhenAll(first, second).ConfigureAwait(false);
        }
        catch (Exception)
        {
            if ((HandedOverIn(first) ?? HandedOverIn(second)) is { } handedOver)
            {
                throw handedOver;
            }

            throw;
        }
    }

    private static HandedOver? HandedOverIn(Task task) => task.Exception?.InnerExceptions.OfType<HandedOver>().FirstOrDefault();

    private async Task<bool> WaitForJobAsync(AapJob job, CancellationToken token)
    {
        if (JobStatus.IsTerminal(job.Status))
        {
            return true; // the build saw it end: a terminal job never runs again
        }

        var deadline = _time.GetUtcNow() + _options.JobWait;
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                var status = (await _api.Jobs().GetAsync(job.KindOf(), job.Id, token).ConfigureAwait(false)).Status;
                job.Status = status.Length > 0 ? status : job.Status;
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
            {
                return true; // a deleted job runs nothing
            }

            if (JobStatus.IsTerminal(job.Status))
            {
                return true;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await _time.Delay(delay, token).ConfigureAwait(false);
            delay = Min(TimeSpan.FromTicks(delay.Ticks * 2), _options.MaxRetryDelay);
        }
    }

    private async Task DeleteAsync(AapCleanupItem item, AapCleanupResult result, BuildLedger? ledger, CancellationToken token)
    {
        var delay = _options.RetryDelay;
        while (true)
        {
            int status;
            try
            {
                status = await DeleteOneAsync(item, token).ConfigureAwait(false);
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.Conflict || e.Kind == AapErrorKind.Forbidden
                                            || (e.Kind == AapErrorKind.Validation && IsPendingDeletion(e)))
            {
                if (e.Kind == AapErrorKind.Validation)
                {
                    status = 202; // "already pending deletion": someone (maybe our earlier attempt) started it
                }
                else
                {
                    HandOverIfTaken(Refusal(e));
                    _lastRefusal = $"{item.ObjectType} {item.Id}: {e.StatusCode}: {e.AapMessage}";
                    lock (result)
                    {
                        OnItem?.Invoke(item, $"waiting ({Refusal(e)})");
                    }

                    await _time.Delay(delay, token).ConfigureAwait(false);
                    delay = Min(TimeSpan.FromTicks(delay.Ticks * 2), _options.MaxRetryDelay);
                    continue;
                }
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
            {
                status = 404;
            }
            catch (AapApiException e) when (e.Kind != AapErrorKind.Unauthorized)
            {
                Leave(result, item, $"AAP refused the delete ({(e.StatusCode.HasValue ? e.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : "no answer")}: {e.AapMessage})");
                return;
            }

            if (status == 404)
            {
                lock (result)
                {
                    item.Outcome = AapCleanupOutcome.AlreadyGone;
                    result.AlreadyGone.Add(item);
                    ledger?.MarkRemoved(item.ObjectType, item.Id);
                    OnItem?.Invoke(item, "already gone");
                }

                return;
            }

            if (status == 202)
            {
                HandOverIfTaken("AAP accepted the delete (202) and removes it in the background");
            }

            if (status == 202 && !await WaitUntilGoneAsync(item, token).ConfigureAwait(false))
            {
                Leave(result, item, $"AAP accepted the delete but it has not finished within {_options.InventoryGoneWait}");
                return;
            }

            lock (result)
            {
                item.Outcome = AapCleanupOutcome.Removed;
                result.Removed.Add(item);
                ledger?.MarkRemoved(item.ObjectType, item.Id);
                OnItem?.Invoke(item, "removed");
            }

            return;
        }
    }

    private async Task<bool> WaitUntilGoneAsync(AapCleanupItem item, CancellationToken token)
    {
        var deadline = _time.GetUtcNow() + _options.InventoryGoneWait;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            if (!await ExistsAsync(item, token).ConfigureAwait(false))
            {
                return true;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return false;
            }

            // A GET is cheap and AAP's background delete takes seconds: check every second at most, so the build
            // does not wait long after the inventory is gone.
            await _time.Delay(delay, token).ConfigureAwait(false);
            delay = Min(TimeSpan.FromTicks(delay.Ticks * 2), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>DELETE through the object's resource: the status, 404 when already gone.</summary>
    private Task<int> DeleteOneAsync(AapCleanupItem item, CancellationToken token)
        => item.ObjectType switch
        {
            "credential" => _api.Credentials().DeleteAsync(item.Id, token),
            "host" => _api.Hosts().DeleteAsync(item.Id, token),
            _ => _api.Inventories().DeleteAsync(item.Id, token),
        };

    /// <summary>True while AAP still has the object (a GET answers; 404 is gone).</summary>
    private async Task<bool> ExistsAsync(AapCleanupItem item, CancellationToken token)
        => item.ObjectType switch
        {
            "credential" => await _api.Credentials().GetOrNullAsync(item.Id, token).ConfigureAwait(false) != null,
            "host" => await _api.Hosts().GetOrNullAsync(item.Id, token).ConfigureAwait(false) != null,
            _ => await _api.Inventories().GetOrNullAsync(item.Id, token).ConfigureAwait(false) != null,
        };

    /// <summary>Throws <see cref="HandedOver"/> when <see cref="HandOff"/> takes the wait; asks only once.</summary>
    private void HandOverIfTaken(string reason)
    {
        // The credential and inventory branches run at once: the first wait asks, and once the guardian took over,
        // the other branch hands over at its own first wait too.
        if (Volatile.Read(ref _handedOverReason) is { } taken)
        {
            throw new HandedOver(taken);
        }

        var handOff = Interlocked.Exchange(ref _handOff, null);
        if (handOff != null && handOff())
        {
            Volatile.Write(ref _handedOverReason, reason);
            throw new HandedOver(reason);
        }
    }

    /// <summary>Every object not yet handled goes to the taker, with what AAP said; the ledger keeps them (the taker clears it).</summary>
    private static void HandRest(AapBuildResources resources, AapCleanupResult result, string reason)
    {
        foreach (var item in Unhandled(resources, result))
        {
            item.Reason = "handed to the cleanup guardian: " + reason;
            item.Outcome = AapCleanupOutcome.HandedOff;
            result.HandedOff.Add(item);
        }
    }

    /// <summary>
    /// What AAP's refusal means, in words: its 403 "still processing events" follows every job for seconds to a
    /// minute and is the normal case, not an error.
    /// </summary>
    private static string Refusal(AapApiException e)
        => e.AapMessage.IndexOf("processing events", StringComparison.OrdinalIgnoreCase) >= 0
            ? "as usual right after a job, AAP keeps it until it has stored the job's events"
            : $"AAP answered {e.StatusCode}: {e.AapMessage}";

    private static bool IsPendingDeletion(AapApiException e)
        => e.AapMessage.IndexOf("pending deletion", StringComparison.OrdinalIgnoreCase) >= 0
           || e.AapMessage.IndexOf("already being deleted", StringComparison.OrdinalIgnoreCase) >= 0;

    private static void LeaveRest(AapBuildResources resources, AapCleanupResult result, string reason)
    {
        foreach (var item in Unhandled(resources, result))
        {
            Leave(result, item, reason);
        }
    }

    /// <summary>The objects to remove (hosts of the build's own inventory go with it) not yet removed, gone or left.</summary>
    private static List<AapCleanupItem> Unhandled(AapBuildResources resources, AapCleanupResult result)
    {
        bool Handled(string type, int id)
            => result.Removed.Concat(result.AlreadyGone).Concat(result.Left).Any(i => i.ObjectType == type && i.Id == id);

        var items = new List<AapCleanupItem>();
        if (resources.Credential != null && !Handled("credential", resources.Credential.Id))
        {
            items.Add(Item("credential", resources.Credential.Id, resources.Credential.Name));
        }

        foreach (var host in resources.Hosts.Where(h => (resources.Inventory is null || h.InventoryId != resources.Inventory.Id) && !Handled("host", h.Id)))
        {
            items.Add(Item("host", host.Id, host.Name));
        }

        if (resources.Inventory != null && !Handled("inventory", resources.Inventory.Id))
        {
            items.Add(Item("inventory", resources.Inventory.Id, resources.Inventory.Name));
        }

        return items;
    }

    private static void Leave(AapCleanupResult result, AapCleanupItem item, string reason, AapCleanupOutcome outcome = AapCleanupOutcome.Left)
    {
        lock (result)
        {
            item.Reason = reason;
            item.Outcome = outcome;
            result.Left.Add(item);
        }
    }

    /// <summary>Kept on request: off the ledger too, so a later crash recovery never deletes it.</summary>
    private static void Kept(AapCleanupResult result, AapCleanupItem item, string reason, BuildLedger? ledger)
    {
        Leave(result, item, reason, AapCleanupOutcome.Kept);
        ledger?.MarkRemoved(item.ObjectType, item.Id);
    }

    private static AapCleanupItem Item(string type, int id, string name) => new AapCleanupItem { ObjectType = type, Id = id, Name = name };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Unwinds the cleanup once its wait was handed over (never escapes <see cref="RunAsync"/>).</summary>
    private sealed class HandedOver : Exception
    {
        public HandedOver(string reason)
            : base(reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
