using AapPacker.Engine.Api;
using System.Text.Json;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Engine.Tests.Interruption;

/// <summary>
/// Passes every call through to AAP and plays Ctrl-C at one chosen call: the build's token is canceled just before
/// the call is sent, or just after its answer arrived. Records when, and what the call was, so a point reads like
/// "after POST inventories/".
/// </summary>
internal sealed class InterruptingApi(IAapApi inner, CancellationTokenSource build, int interruptAtCall, bool afterAnswer) : IAapApi
{
    private static readonly System.Text.RegularExpressions.Regex JobDetail = new(@"^jobs/\d+/$");
    private static readonly string[] Terminal = ["successful", "failed", "error", "canceled"];
    private int _calls;

    public AapConnectionInfo Info => inner.Info;


    public Task Verified => inner.Verified;

    public PostRetry PostRetry => inner.PostRetry;

    /// <summary>Calls made so far (cleanup's included).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When the build was interrupted, or null.</summary>
    public DateTimeOffset? InterruptedAt { get; private set; }

    /// <summary>e.g. "before GET jobs/3/events/".</summary>
    public string Point { get; private set; } = "not reached";

    /// <summary>
    /// True when a read of the job sent before the interrupt was answered with a terminal status: the job ended on its
    /// own (no cancel had been sent) and the build read that end, so the interrupt owes it no cancel. Reads sent after
    /// the interrupt (a cleanup waiting for a job it did not cancel) do not count.
    /// </summary>
    public bool JobEndReadBeforeInterrupt { get; private set; }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => Around("GET", path, () => inner.GetAsync(path, cancellationToken), (answer, sentBeforeInterrupt) =>
    {
        if (sentBeforeInterrupt && JobDetail.IsMatch(path) && answer.TryGetProperty("status", out var status) && Terminal.Contains(status.GetString()))
        {
            JobEndReadBeforeInterrupt = true;
        }
    });

    public IAsyncEnumerable<JsonElement> ListAsync(string path, CancellationToken cancellationToken) => ListAround(path, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => Around("POST", path, () => inner.PostAsync(path, body, cancellationToken));

    public Task<int> DeleteAsync(string path, CancellationToken cancellationToken) => Around("DELETE", path, () => inner.DeleteAsync(path, cancellationToken));

    private async IAsyncEnumerable<JsonElement> ListAround(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = await Around("LIST", path, async () =>
        {
            var list = new List<JsonElement>();
            await foreach (var item in inner.ListAsync(path, cancellationToken))
            {
                list.Add(item);
            }

            return list;
        });
        foreach (var item in items)
        {
            yield return item;
        }
    }

    private async Task<T> Around<T>(string method, string path, Func<Task<T>> call, Action<T, bool>? onAnswer = null)
    {
        var number = Interlocked.Increment(ref _calls);
        if (number == interruptAtCall && !afterAnswer)
        {
            Interrupt("before " + method + " " + Short(path));
        }

        var sentBeforeInterrupt = InterruptedAt is null;
        try
        {
            var answer = await call();
            onAnswer?.Invoke(answer, sentBeforeInterrupt);
            return answer;
        }
        finally
        {
            if (number == interruptAtCall && afterAnswer)
            {
                Interrupt("after " + method + " " + Short(path));
            }
        }
    }

    private void Interrupt(string point)
    {
        Point = point;
        InterruptedAt = DateTimeOffset.UtcNow;
        build.Cancel();
    }

    private static string Short(string path)
    {
        var query = path.IndexOf('?');
        return query < 0 ? path : path[..query];
    }
}
