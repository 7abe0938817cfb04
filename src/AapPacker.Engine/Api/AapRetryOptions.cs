using System;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>Backoff for idempotent requests: capped exponential with jitter, honouring Retry-After.</summary>
internal sealed class AapRetryOptions
{
    /// <summary>
    /// Retries after the first attempt (0 turns retrying off). Eight, because a busy AAP behind a proxy answers
    /// 502/503/429 in bursts: with 20 % of answers failing, five retries still lost about one lifecycle in 500.
    /// </summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>
    /// Retries when nobody answers at all (connection refused, unknown host): the server is not there, and
    /// waiting the full <see cref="MaxRetries"/> backoff would only delay the error by a minute and more.
    /// </summary>
    public int MaxRetriesWhenUnreachable { get; set; } = 5;

    /// <summary>First backoff step.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest single backoff (and largest Retry-After honoured).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
