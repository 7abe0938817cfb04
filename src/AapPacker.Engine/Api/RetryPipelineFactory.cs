using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace AapPacker.Engine.Api;

/// <summary>
/// Builds the two resilience pipelines a client needs, once per client: one for idempotent calls (retry with
/// capped, jittered exponential backoff that honours <c>Retry-After</c>, waiting on the injected clock) and one
/// for calls that must not be repeated (POST). The per-attempt timeout is not a Polly strategy: it runs on real
/// time in <see cref="AapHttpTransport"/>, because it guards a real socket, and a test that advances a fake
/// clock while a request is in flight must not time that request out.
/// </summary>
internal static class RetryPipelineFactory
{
    /// <summary>Carries the request's method and path to the retry callback for the log.</summary>
    internal static readonly ResiliencePropertyKey<string> RequestKey = new ResiliencePropertyKey<string>("aap.request");

    public static ResiliencePipeline<WireResponse> CreateRetrying(AapClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<WireResponse> { TimeProvider = options.TimeProvider };
        var retry = options.Retry ?? new AapRetryOptions();
        if (retry.MaxRetries > 0)
        {
            var maxDelay = retry.MaxDelay > TimeSpan.Zero ? retry.MaxDelay : TimeSpan.FromSeconds(30);
            builder.AddRetry(new RetryStrategyOptions<WireResponse>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay > TimeSpan.Zero ? retry.BaseDelay : TimeSpan.FromMilliseconds(1),
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)
                    && !(IsNobodyListening(args.Outcome.Exception) && args.AttemptNumber >= retry.MaxRetriesWhenUnreachable)),
                DelayGenerator = args =>
                {
                    var asked = args.Outcome.Result?.RetryAfter;
                    TimeSpan? delay = asked.HasValue ? (asked.Value > maxDelay ? maxDelay : asked.Value) : (TimeSpan?)null;
                    return new ValueTask<TimeSpan?>(delay);
                },
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, "request");
                    options.Log.Verbose(string.Format(CultureInfo.InvariantCulture,
                        "{0}: {1}; retry {2} of {3} in {4:0.###} s.",
                        request, DescribeFailure(args.Outcome), args.AttemptNumber + 1,
                        IsNobodyListening(args.Outcome.Exception) ? Math.Min(retry.MaxRetries, retry.MaxRetriesWhenUnreachable) : retry.MaxRetries,
                        args.RetryDelay.TotalSeconds));
                    return default;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>No retry at this level: a POST is retried only through <see cref="PostRetry"/>, which looks before it repeats.</summary>
    public static ResiliencePipeline<WireResponse> CreateSingleAttempt() => ResiliencePipeline<WireResponse>.Empty;

    /// <summary>Whether an attempt's outcome is worth another attempt (idempotent calls only).</summary>
    internal static bool IsTransient(Outcome<WireResponse> outcome)
    {
        if (outcome.Exception != null)
        {
            return IsTransientException(outcome.Exception);
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        switch (response.StatusCode)
        {
            case 408:
            case 429:
            case 500:
            case 502:
            case 503:
            case 504:
            // A temporary redirect is what AAP's MigrationRanCheckMiddleware answers during an upgrade.
            case 302:
            case 303:
            case 307:
                return true;
            default:
                return response.UnexpectedContent;
        }
    }

    /// <summary>Connection refused or host unknown: no server answered, unlike a reset or a proxy's 5xx.</summary>
    internal static bool IsNobodyListening(Exception? exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode == SocketError.ConnectionRefused
                    || socket.SocketErrorCode == SocketError.HostNotFound
                    || socket.SocketErrorCode == SocketError.NoData
                    || socket.SocketErrorCode == SocketError.HostUnreachable
                    || socket.SocketErrorCode == SocketError.NetworkUnreachable;
            }
        }

        return false;
    }

    private static bool IsTransientException(Exception exception)
    {
        switch (exception)
        {
            case AttemptTimeoutException _:
                return true;
            case OperationCanceledException _:
                // The caller's token: never retried.
                return false;
            case HttpRequestException _:
                return !TransportErrors.IsTls(exception);
            case IOException _:
            case SocketException _:
                return true;
            default:
                return false;
        }
    }

    private static string DescribeFailure(Outcome<WireResponse> outcome)
    {
        if (outcome.Exception is AttemptTimeoutException)
        {
            return "no answer in time";
        }

        if (outcome.Exception != null)
        {
            return "network error (" + outcome.Exception.GetType().Name + ")";
        }

        var response = outcome.Result!;
        var status = response.StatusCode.ToString(CultureInfo.InvariantCulture);
        if (response.RetryAfter.HasValue)
        {
            return status + " with Retry-After";
        }

        return response.UnexpectedContent ? status + " with a non-JSON answer (" + (response.MediaType ?? "no content type") + ")" : status;
    }
}
