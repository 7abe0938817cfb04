using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api;

/// <summary>
/// Makes a POST safe to retry when what it makes can be found again: a create named uniquely per build, or a launch
/// on the build's own inventory. After a transient failure (429, 5xx, a proxy's page, a reset, a timeout) it looks
/// first and adopts what AAP made; only when nothing is there does it POST again, after the backoff (Retry-After
/// honoured), within the client's retry budget. A 4xx other than 429 is final, except the duplicate-name 400 a
/// repeated create can get when the first attempt was still in flight: then the object is looked up and adopted.
/// </summary>
/// <remarks>
/// Each POST runs to its answer once sent (bounded by the request timeout): aborting it on the wire could leave an
/// object AAP made but nobody recorded. The caller's token is checked before every attempt and during the backoff.
/// </remarks>
internal sealed class PostRetry
{
    private static readonly Random Jitter = new Random();

    private readonly AapRetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly IAapLog _log;

    /// <summary>Creates the policy from a client's retry settings.</summary>
    public PostRetry(AapRetryOptions? retry, TimeProvider? timeProvider, IAapLog? log)
    {
        _retry = retry ?? new AapRetryOptions();
        _time = timeProvider ?? TimeProvider.System;
        _log = log ?? NullAapLog.Instance;
    }

    /// <summary>
    /// POSTs through <paramref name="post"/>; after a transient failure asks <paramref name="findExisting"/> (given the
    /// failure, so it can tell a lost answer from a refusal) and adopts what it returns, else POSTs again.
    /// </summary>
    public async Task<JsonElement> RunAsync(string what, Func<Task<JsonElement>> post,
        Func<AapApiException, Task<JsonElement?>> findExisting, CancellationToken cancellationToken)
    {
        if (post is null)
        {
            throw new ArgumentNullException(nameof(post));
        }

        if (findExisting is null)
        {
            throw new ArgumentNullException(nameof(findExisting));
        }

        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AapApiException failure;
            try
            {
                return await post().ConfigureAwait(false);
            }
            catch (AapApiException e) when (IsTransient(e) || (attempt > 0 && e.Kind == AapErrorKind.Validation))
            {
                failure = e;
            }

            if (await findExisting(failure).ConfigureAwait(false) is { } existing)
            {
                _log.Verbose(string.Format(CultureInfo.InvariantCulture,
                    "{0}: {1} ({2}); AAP had made it, so it is adopted rather than made again.", what, Describe(failure), failure.Method));
                return existing;
            }

            if (failure.Kind == AapErrorKind.Validation || attempt >= _retry.MaxRetries)
            {
                throw failure;
            }

            var delay = DelayFor(attempt, failure.RetryAfter);
            _log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1}; AAP did not make it; POST {2} of {3} in {4:0.###} s.",
                what, Describe(failure), attempt + 2, _retry.MaxRetries + 1, delay.TotalSeconds));
            await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A failure worth another attempt: no answer (reset, timeout, refused), 408, 429, a 5xx, or a success status whose
    /// body was a proxy's page. 4xx answers are AAP's verdict on the request and are final.
    /// </summary>
    public static bool IsTransient(AapApiException e)
    {
        if (e is null)
        {
            return false;
        }

        if (e.Kind == AapErrorKind.Unreachable)
        {
            return true;
        }

        var status = e.StatusCode ?? 0;
        return status == 408 || status == 429 || status >= 500 || (e.Kind == AapErrorKind.Protocol && status >= 200 && status < 300);
    }

    /// <summary>
    /// True when AAP may still be carrying the request out: a gateway timeout or our own attempt timeout. A lookup
    /// right away can miss the object, so callers that must never make two (the launch) look again after a pause.
    /// </summary>
    public static bool MayStillBeInFlight(AapApiException e)
        => e != null && (e.StatusCode == 504 || e.InnerException is AttemptTimeoutException);

    /// <summary>The pause before attempt <paramref name="attempt"/> + 2: Retry-After when given, else capped exponential with jitter.</summary>
    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
    {
        var max = _retry.MaxDelay > TimeSpan.Zero ? _retry.MaxDelay : TimeSpan.FromSeconds(30);
        if (retryAfter.HasValue)
        {
            return retryAfter.Value > max ? max : retryAfter.Value;
        }

        var baseDelay = _retry.BaseDelay > TimeSpan.Zero ? _retry.BaseDelay : TimeSpan.FromMilliseconds(1);
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        double factor;
        lock (Jitter)
        {
            factor = 0.5 + (Jitter.NextDouble() * 0.5);
        }

        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, exponential * factor));
    }

    private static string Describe(AapApiException e)
        => e.StatusCode.HasValue ? "answer " + e.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : "no answer";
}
