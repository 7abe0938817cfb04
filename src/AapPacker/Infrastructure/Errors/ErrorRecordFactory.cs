using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Infrastructure;

/// <summary>
/// The one place where the engine's failures become PowerShell error records: an
/// <see cref="AapProvisioningException"/>'s <see cref="ProvisioningErrorKind"/> gives the ErrorId, the category and
/// (when the engine has none) the recommended action; a job's result gives the job kinds; the engine's field tokens
/// become the called cmdlet's parameter names (<see cref="ParameterNames"/>) in <see cref="Word"/>, which every
/// record a cmdlet writes passes through (<see cref="AsyncPSCmdlet"/>). AAP's own errors go to <see cref="AapErrorMapper"/>.
/// </summary>
internal static class ErrorRecordFactory
{
    private const string FixTheValue = "Correct the value named in the message and run the command again.";

    /// <summary>
    /// The record for a provisioning failure. <paramref name="byExitCode"/>: the category follows the exit code
    /// (Invoke-AapPackerProvision, whose contract with Packer is the exit code), not the kind.
    /// </summary>
    public static ErrorRecord Create(AapProvisioningException exception, object? target, bool byExitCode = false)
    {
        var category = byExitCode ? CategoryOf(exception.ExitCode) : Category(exception);
        var action = exception.RecommendedAction;
        if (string.IsNullOrEmpty(action))
        {
            action = exception.InnerException is AapApiException api ? ApiAction(api) : FixTheValue;
        }

        return AapErrorMapper.Create(exception, exception.ErrorId, category,
            (object?)exception.Job ?? (object?)exception.Result ?? target, action!);
    }

    /// <summary>The record for whatever ended a provisioning run (ours, AAP's or a configuration error).</summary>
    public static ErrorRecord ForProvision(Exception error, AapProvisionExitCode exitCode, object? target)
    {
        switch (error)
        {
            case AapProvisioningException provisioning:
                return Create(provisioning, target, byExitCode: true);
            case AapApiException api:
                return AapErrorMapper.Create(api, "Aap" + api.Kind, CategoryOf(exitCode), target, ApiAction(api));
            case AapConfigurationException configuration:
                return AapErrorMapper.Create(configuration, "ConfigurationError", CategoryOf(exitCode), target,
                    configuration.RecommendedAction ?? FixTheValue);
            default:
                return AapErrorMapper.ToErrorRecord(error, target);
        }
    }

    /// <summary>The kind a job's result ends with: <see cref="ProvisioningErrorKind.JobTimedOut"/> and the like.</summary>
    public static ProvisioningErrorKind KindOf(AapJobResult result)
    {
        if (result.TimedOut)
        {
            return ProvisioningErrorKind.JobTimedOut;
        }

        if (result.Status == "canceled")
        {
            return ProvisioningErrorKind.JobCanceled;
        }

        return result.Status == "error" ? ProvisioningErrorKind.JobError : ProvisioningErrorKind.JobFailed;
    }

    /// <summary>The terminating error for a job that did not succeed (Wait-AapJob): the result as target, its URL in the action.</summary>
    public static ErrorRecord ForJobResult(AapJobResult result)
    {
        var kind = KindOf(result);
        var action = kind == ProvisioningErrorKind.JobTimedOut
            ? $"Raise {Fields.Timeout}, or add -CancelOnTimeout to stop the job; see " + result.Url
            : "Read the job output (or open " + result.Url + "). Add -PassThru to get the result without an error.";
        return AapErrorMapper.Create(new InvalidOperationException(JobResultMessage(result)), kind.ToString(), Category(kind) ?? ErrorCategory.InvalidResult, result, action);
    }

    /// <summary>One line for a job that did not succeed.</summary>
    public static string JobResultMessage(AapJobResult result)
    {
        var what = (result.KindOf() == JobKind.WorkflowJob ? "Workflow job " : "Job ") + result.Id.ToString(CultureInfo.InvariantCulture) + " '" + result.Name + "'";
        if (result.TimedOut)
        {
            return $"{what} did not finish in time (last status {result.Status}).";
        }

        var failedNodes = result.Nodes.Where(n => n.Failed).Select(n => $"'{n.TemplateName}' ({n.Status})").ToList();
        return $"{what} ended {result.Status}"
            + (failedNodes.Count > 0 ? "; failed node(s): " + string.Join(", ", failedNodes) : "")
            + (string.IsNullOrEmpty(result.JobExplanation) ? "." : ": " + result.JobExplanation);
    }

    /// <summary>
    /// Runs a cmdlet body; a provisioning failure ends the cmdlet with its record (the base class maps the rest, and
    /// turns anything after Ctrl-C into a pipeline stop).
    /// </summary>
    public static async System.Threading.Tasks.Task GuardAsync(Func<System.Threading.Tasks.Task> body, Func<object?> target)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (AapProvisioningException e)
        {
            throw new CmdletTerminatingException(Create(e, target()));
        }
    }

    /// <summary>
    /// The category a kind has whatever the circumstances, or null when it depends on them (the exit code, the
    /// AAP error inside, whether a job exists).
    /// </summary>
    public static ErrorCategory? Category(ProvisioningErrorKind kind)
    {
        switch (kind)
        {
            case ProvisioningErrorKind.ObjectNotFound:
            case ProvisioningErrorKind.JobNotFound:
            case ProvisioningErrorKind.MachineCredentialTypeNotFound:
            case ProvisioningErrorKind.SshKeyFileNotFound:
            case ProvisioningErrorKind.ExtraVarsFileNotFound:
                return ErrorCategory.ObjectNotFound;
            case ProvisioningErrorKind.ObjectAmbiguous:
                return ErrorCategory.InvalidArgument;
            case ProvisioningErrorKind.JobTimedOut:
            case ProvisioningErrorKind.JobCancelTimedOut:
                return ErrorCategory.OperationTimeout;
            case ProvisioningErrorKind.JobCanceled:
            case ProvisioningErrorKind.ProvisioningInterrupted:
                return ErrorCategory.OperationStopped;
            case ProvisioningErrorKind.JobFailed:
            case ProvisioningErrorKind.JobError:
                return ErrorCategory.InvalidResult;
            default:
                return null;
        }
    }

    /// <summary>
    /// Every record a cmdlet writes, worded for it: the engine's field tokens in the message, the exception and the
    /// recommended action become <paramref name="cmdletType"/>'s parameter names, then <see cref="RecommendationWording"/>.
    /// </summary>
    public static ErrorRecord Word(ErrorRecord record, Type cmdletType)
    {
        if (record is null)
        {
            return record!;
        }

        if (record.Exception is AapProvisioningException provisioning && provisioning.Fields.Count > 0)
        {
            var worded = new ErrorRecord(provisioning.Rendered(field => ParameterNames.For(field, cmdletType)),
                record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject);
            worded.ErrorDetails = record.ErrorDetails;
            record = worded;
        }

        if (record.ErrorDetails != null)
        {
            var details = new ErrorDetails(ParameterNames.Render(record.ErrorDetails.Message, cmdletType))
            {
                RecommendedAction = ParameterNames.Render(record.ErrorDetails.RecommendedAction, cmdletType),
            };
            record.ErrorDetails = details;
        }

        return RecommendationWording.Apply(record, cmdletType);
    }

    private static ErrorCategory Category(AapProvisioningException exception)
    {
        if (Category(exception.Kind) is { } fixedCategory)
        {
            return fixedCategory;
        }

        if (exception.InnerException is AapApiException api)
        {
            return AapErrorMapper.ToErrorRecord(api, null).CategoryInfo.Category;
        }

        switch (exception.ExitCode)
        {
            case AapProvisionExitCode.ConfigurationError:
                return exception.Job is null ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidOperation;
            case AapProvisionExitCode.ApiError:
                return ErrorCategory.ResourceUnavailable;
            default:
                return CategoryOf(exception.ExitCode);
        }
    }

    private static ErrorCategory CategoryOf(AapProvisionExitCode code)
        => code switch
        {
            AapProvisionExitCode.JobFailed => ErrorCategory.InvalidResult,
            AapProvisionExitCode.JobCanceled => ErrorCategory.OperationStopped,
            AapProvisionExitCode.TimedOut => ErrorCategory.OperationTimeout,
            AapProvisionExitCode.ConfigurationError => ErrorCategory.InvalidArgument,
            _ => ErrorCategory.ConnectionError,
        };

    private static string ApiAction(AapApiException api)
        => AapErrorMapper.ToErrorRecord(api, null).ErrorDetails?.RecommendedAction ?? "Check the message and retry.";
}
