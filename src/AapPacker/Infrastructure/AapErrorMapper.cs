using System;
using System.Globalization;
using System.Management.Automation;
using AapPacker.Engine.Api;

namespace AapPacker.Infrastructure;

/// <summary>
/// Turns exceptions from the engine into PowerShell <see cref="ErrorRecord"/>s: a stable ErrorId, the right
/// category, the target, and <c>ErrorDetails.RecommendedAction</c> telling the user what to do next.
/// </summary>
internal static class AapErrorMapper
{
    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        switch (exception)
        {
            case AapApiException api:
                return FromApi(api, target);
            case AapConfigurationException config:
                return Create(config, AapErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument,
                    target ?? config.Setting,
                    config.RecommendedAction ?? "Check the parameters and the AAP_* environment variables (see Get-Help Connect-Aap).");
            case OperationCanceledException canceled:
                // Not a Ctrl-C (the base class turns that into PipelineStoppedException): a timeout fired.
                return Create(canceled, AapErrorIds.OperationTimedOut, ErrorCategory.OperationTimeout, target,
                    "The operation took longer than allowed. Retry, or raise -RequestTimeout if the server is slow.");
            case ArgumentException argument:
                return Create(argument, AapErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument, target,
                    "Correct the value named in the message and run the command again.");
            default:
                return Create(exception, AapErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target,
                    "This is unexpected; run again with -Debug and report the output (it contains no secrets).");
        }
    }

    /// <summary>Builds a record for a situation the cmdlets detect themselves (no exception thrown yet).</summary>
    public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target,
        string recommendedAction, string? message = null)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        record.ErrorDetails = new ErrorDetails(Redactor.Redact(message ?? exception.Message))
        {
            RecommendedAction = recommendedAction,
        };
        return record;
    }

    private static ErrorRecord FromApi(AapApiException api, object? target)
    {
        var (id, category, action) = Describe(api);
        return Create(api, id, category, target ?? api.Path, action, Explain(api));
    }

    private static (string Id, ErrorCategory Category, string Action) Describe(AapApiException api)
    {
        switch (api.Kind)
        {
            case AapErrorKind.Unauthorized:
                return (AapErrorIds.Unauthorized, ErrorCategory.AuthenticationError,
                    "Check the credentials: pass a valid token with -Token (create one in the AAP UI under your user's Tokens, or ask your AAP administrator) or a user name and password with -Credential, or set AAP_TOKEN. An expired or revoked token must be replaced.");
            case AapErrorKind.Forbidden:
                return (AapErrorIds.Forbidden, ErrorCategory.PermissionDenied,
                    "The user is authenticated but lacks the permission for this request. Ask your AAP administrator for the role (for example Use on the job template, Admin on the organization's inventories and credentials), or use a token with write scope.");
            case AapErrorKind.NotFound:
                return (AapErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "Check the name or id. If the whole API is missing, check -Uri and -ApiPrefix (AAP 2.5+ serves the controller under /api/controller/).");
            case AapErrorKind.Unreachable:
                return (AapErrorIds.Unreachable, ErrorCategory.ConnectionError,
                    "Check that the URI (host name and port) is right and that the server is reachable from this machine (DNS, firewall, HTTPS_PROXY/NO_PROXY), then retry.");
            case AapErrorKind.Tls when api.NoCertificateSeen:
                return (AapErrorIds.TlsFailure, ErrorCategory.ConnectionError,
                    "The server did not speak TLS on that port. Check the scheme and port of -Uri (or AAP_HOSTNAME): use http:// for a plain-http server (a URI without a scheme means https://), or the port AAP serves https on.");
            case AapErrorKind.Tls:
                return (AapErrorIds.TlsFailure, ErrorCategory.SecurityError,
                    "The server's certificate is not trusted. Pass your CA bundle with -CertificateAuthorityPath (PEM), or install the CA in the system trust store. -SkipCertificateCheck exists for tests only.");
            case AapErrorKind.Validation:
                return (AapErrorIds.ValidationFailed, ErrorCategory.InvalidData,
                    "AAP refused the values sent; correct the fields named in the message.");
            case AapErrorKind.Conflict:
                return (AapErrorIds.Conflict, ErrorCategory.ResourceBusy,
                    "The object is in use (for example by a running job). Wait for the job to finish, then retry.");
            case AapErrorKind.MethodNotAllowed:
                return (AapErrorIds.MethodNotAllowed, ErrorCategory.InvalidOperation,
                    "AAP does not allow this action on the object in its current state (for example cancelling a finished job).");
            case AapErrorKind.Server:
                return (AapErrorIds.ServerError, ErrorCategory.ResourceUnavailable,
                    "The server or a proxy in front of it failed repeatedly. Check the AAP service health and retry later.");
            case AapErrorKind.Refused:
                return (AapErrorIds.RequestRefused, ErrorCategory.SecurityError,
                    "Use an https:// URI. To send credentials over plain http to a non-loopback host anyway, add -AllowUnencryptedAuthentication.");
            default:
                return (AapErrorIds.ProtocolError, ErrorCategory.ProtocolError,
                    "The server's answer was not what AAP sends. Check that -Uri points at AAP or AWX (and not at a login page or a proxy).");
        }
    }

    private static string Explain(AapApiException api)
    {
        var status = api.StatusCode.HasValue
            ? api.StatusCode.Value.ToString(CultureInfo.InvariantCulture)
            : "no response";
        var what = api.Kind switch
        {
            AapErrorKind.Unauthorized => "AAP rejected the credentials",
            AapErrorKind.Forbidden => "AAP refused the request: permission denied",
            AapErrorKind.NotFound => "AAP has no such object or path",
            AapErrorKind.Unreachable => "The AAP server could not be reached",
            AapErrorKind.Tls => "The TLS connection to the AAP server failed",
            AapErrorKind.Validation => "AAP refused the request",
            AapErrorKind.Conflict => "AAP reports a conflict",
            AapErrorKind.MethodNotAllowed => "AAP does not allow this method here",
            AapErrorKind.Server => "The AAP server failed",
            AapErrorKind.Refused => "The request was not sent",
            _ => "AAP answered unexpectedly",
        };
        var detail = string.IsNullOrEmpty(api.AapMessage) ? string.Empty : ": " + api.AapMessage;
        return $"{what} ({api.Method} {api.Path}, {status}){detail}";
    }
}
