using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands.Shared;

/// <summary>
/// Turns the engine's <see cref="AapProvisioningException"/> into an ErrorRecord: the engine's stable error id
/// (e.g. <c>JobTemplateNotFound</c>, <c>TemplateDoesNotPromptForInventory</c>), a category that fits, the job
/// as target when one was launched, and the engine's recommended action. Other exceptions go to
/// <see cref="AapErrorMapper"/> (the base class does that already).
/// </summary>
internal static class LifecycleErrors
{
    /// <summary>The record for a provisioning failure.</summary>
    public static ErrorRecord ToErrorRecord(AapProvisioningException exception, object? target)
    {
        var category = Category(exception);
        var action = exception.RecommendedAction;
        if (string.IsNullOrEmpty(action))
        {
            action = exception.InnerException is AapApiException api
                ? AapErrorMapper.ToErrorRecord(api, target).ErrorDetails?.RecommendedAction ?? "Check the message and retry."
                : "Correct the value named in the message and run the command again.";
        }

        return AapErrorMapper.Create(exception, exception.ErrorId, category,
            (object?)exception.Job ?? (object?)exception.Result ?? target, action!);
    }

    /// <summary>
    /// Runs a cmdlet body; a provisioning failure ends the cmdlet with its mapped record (the base class maps the
    /// rest, and turns anything after Ctrl-C into a pipeline stop).
    /// </summary>
    public static async Task GuardAsync(Func<Task> body, Func<object?> target)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (AapProvisioningException e)
        {
            throw new CmdletTerminatingException(ToErrorRecord(e, target()));
        }
    }

    private static ErrorCategory Category(AapProvisioningException exception)
    {
        if (exception.ErrorId.EndsWith("NotFound", StringComparison.Ordinal))
        {
            return ErrorCategory.ObjectNotFound;
        }

        if (exception.ErrorId.StartsWith("Ambiguous", StringComparison.Ordinal))
        {
            return ErrorCategory.InvalidArgument;
        }

        if (exception.InnerException is AapApiException api)
        {
            return AapErrorMapper.ToErrorRecord(api, null).CategoryInfo.Category;
        }

        switch (exception.ExitCode)
        {
            case AapProvisionExitCode.ConfigurationError:
                return exception.Job is null ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidOperation;
            case AapProvisionExitCode.JobCanceled:
                return ErrorCategory.OperationStopped;
            case AapProvisionExitCode.TimedOut:
                return ErrorCategory.OperationTimeout;
            case AapProvisionExitCode.JobFailed:
                return ErrorCategory.InvalidResult;
            default:
                return ErrorCategory.ResourceUnavailable;
        }
    }
}
