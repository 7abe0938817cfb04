using System;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// A provisioning step failed. Carries the exit code <c>Invoke-AapPackerProvision</c> sets, a stable error id
/// for the cmdlet's ErrorRecord, and what to do. Messages never contain a secret.
/// </summary>
public sealed class AapProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AapProvisioningException(AapProvisionExitCode exitCode, string errorId, string message, string? recommendedAction = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        ErrorId = errorId;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The exit code this failure maps to.</summary>
    public AapProvisionExitCode ExitCode { get; }

    /// <summary>A stable id, e.g. <c>TemplateDoesNotPromptForInventory</c>.</summary>
    public string ErrorId { get; }

    /// <summary>What the user should do.</summary>
    public string? RecommendedAction { get; }

    /// <summary>The job's result, when the failure is the job's outcome.</summary>
    public AapJobResult? Result { get; set; }

    /// <summary>The job, when one was launched.</summary>
    public AapJob? Job { get; set; }

    /// <summary>A configuration or input error (exit code 4, nothing created).</summary>
    public static AapProvisioningException Configuration(string errorId, string message, string? recommendedAction = null, Exception? inner = null)
        => new AapProvisioningException(AapProvisionExitCode.ConfigurationError, errorId, message, recommendedAction, inner);

    /// <summary>An API error (exit code 5).</summary>
    public static AapProvisioningException Api(string errorId, string message, string? recommendedAction = null, Exception? inner = null)
        => new AapProvisioningException(AapProvisionExitCode.ApiError, errorId, message, recommendedAction, inner);

    /// <summary>
    /// The exit code for any exception: ours carry one; configuration errors are 4; AAP refusing our
    /// credentials or rights before anything exists is 4 as well (the fix is configuration); the rest of AAP's
    /// errors are 5.
    /// </summary>
    public static AapProvisionExitCode ExitCodeFor(Exception exception, bool anythingCreated)
    {
        switch (exception)
        {
            case AapProvisioningException provisioning:
                return provisioning.ExitCode;
            case AapConfigurationException _:
                return AapProvisionExitCode.ConfigurationError;
            case AapApiException api when !anythingCreated
                && (api.Kind == AapErrorKind.Unauthorized || api.Kind == AapErrorKind.Forbidden
                    || api.Kind == AapErrorKind.NotFound || api.Kind == AapErrorKind.Validation
                    || api.Kind == AapErrorKind.Refused):
                return AapProvisionExitCode.ConfigurationError;
            case AapApiException _:
                return AapProvisionExitCode.ApiError;
            case OperationCanceledException _:
                return AapProvisionExitCode.JobCanceled;
            default:
                return AapProvisionExitCode.ApiError;
        }
    }
}
