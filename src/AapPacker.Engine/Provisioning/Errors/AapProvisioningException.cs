using System;
using System.Collections.Generic;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// A provisioning step failed. Carries the exit code <c>Invoke-AapPackerProvision</c> sets, the
/// <see cref="ProvisioningErrorKind"/> (whose name is the stable error id), and what to do. The message and the
/// recommended action speak the engine's language: inputs are <c>{Field}</c> tokens (<see cref="Fields"/>), which the
/// cmdlet layer renders as the called cmdlet's parameter names. Messages never contain a secret.
/// </summary>
public sealed class AapProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AapProvisioningException(AapProvisionExitCode exitCode, ProvisioningErrorKind kind, string message, string? recommendedAction = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Kind = kind;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The exit code this failure maps to.</summary>
    public AapProvisionExitCode ExitCode { get; }

    /// <summary>What went wrong.</summary>
    public ProvisioningErrorKind Kind { get; }

    /// <summary>
    /// For the family kinds (<see cref="ProvisioningErrorKind.ObjectNotFound"/> and the like): what the error is about, in
    /// the engine's words, e.g. <c>JobTemplate</c> or <c>Limit</c>.
    /// </summary>
    public string? Subject { get; private set; }

    /// <summary>The stable id: the kind's name, combined with <see cref="Subject"/> for the families (e.g. <c>JobTemplateNotFound</c>).</summary>
    public string ErrorId => IdOf(Kind, Subject);

    /// <summary>The engine inputs the message and the recommended action name.</summary>
    public IReadOnlyList<EngineField> Fields => EngineText.FieldsIn(Message + " " + RecommendedAction);

    /// <summary>What the user should do.</summary>
    public string? RecommendedAction { get; }

    /// <summary>The job's result, when the failure is the job's outcome.</summary>
    public AapJobResult? Result { get; set; }

    /// <summary>The job, when one was launched.</summary>
    public AapJob? Job { get; set; }

    /// <summary>
    /// A copy whose message and recommended action have their field tokens rendered by <paramref name="name"/>
    /// (the cmdlet layer passes its parameter names); kind, subject, exit code, job and result stay.
    /// </summary>
    public AapProvisioningException Rendered(Func<EngineField, string> name)
        => new AapProvisioningException(ExitCode, Kind, EngineText.Render(Message, name),
            RecommendedAction is null ? null : EngineText.Render(RecommendedAction, name), InnerException)
        {
            Subject = Subject,
            Job = Job,
            Result = Result,
        };

    /// <summary>A configuration or input error (exit code 4, nothing created).</summary>
    public static AapProvisioningException Configuration(ProvisioningErrorKind kind, string message, string? recommendedAction = null, Exception? inner = null)
        => new AapProvisioningException(AapProvisionExitCode.ConfigurationError, kind, message, recommendedAction, inner);

    /// <summary>A configuration error of a family kind about <paramref name="subject"/> (exit code 4).</summary>
    public static AapProvisioningException Configuration(ProvisioningErrorKind kind, string subject, string message, string? recommendedAction, Exception? inner = null)
        => new AapProvisioningException(AapProvisionExitCode.ConfigurationError, kind, message, recommendedAction, inner) { Subject = subject };

    /// <summary>An API error (exit code 5).</summary>
    public static AapProvisioningException Api(ProvisioningErrorKind kind, string message, string? recommendedAction = null, Exception? inner = null)
        => new AapProvisioningException(AapProvisionExitCode.ApiError, kind, message, recommendedAction, inner);

    /// <summary>The stable id of a kind (and subject, for the families).</summary>
    public static string IdOf(ProvisioningErrorKind kind, string? subject)
        => kind switch
        {
            ProvisioningErrorKind.ObjectNotFound => subject + "NotFound",
            ProvisioningErrorKind.ObjectAmbiguous => "Ambiguous" + subject,
            ProvisioningErrorKind.ObjectMissing => "Missing" + subject,
            ProvisioningErrorKind.TemplateDoesNotPrompt => "TemplateDoesNotPromptFor" + subject,
            ProvisioningErrorKind.WorkflowDoesNotTake => "WorkflowDoesNotTake" + subject,
            _ => kind.ToString(),
        };

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
