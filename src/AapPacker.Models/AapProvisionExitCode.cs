namespace AapPacker.Models;

/// <summary>
/// The exit code <c>Invoke-AapPackerProvision</c> sets, so a Packer <c>shell-local</c> script can pass it on
/// with <c>exit $LASTEXITCODE</c>.
/// </summary>
public enum AapProvisionExitCode
{
    /// <summary>The job succeeded and the temporary objects were handled.</summary>
    Success = 0,

    /// <summary>The job (or a workflow node) ended <c>failed</c> or <c>error</c>.</summary>
    JobFailed = 1,

    /// <summary>The job was canceled (in AAP, or because the build was interrupted).</summary>
    JobCanceled = 2,

    /// <summary>The job did not finish within the timeout.</summary>
    TimedOut = 3,

    /// <summary>Bad configuration or input, found before anything was created.</summary>
    ConfigurationError = 4,

    /// <summary>AAP was unreachable or answered with an unexpected API error.</summary>
    ApiError = 5,
}
