namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The <c>{Name}</c> token of each <see cref="EngineField"/>, for engine messages: the cmdlet layer renders it as the
/// called cmdlet's parameter (see <see cref="EngineField"/>). Constants, so they work in interpolated strings.
/// </summary>
internal static class Fields
{
    /// <summary>The <see cref="EngineField.JobTemplate"/> token.</summary>
    public const string JobTemplate = "{" + nameof(EngineField.JobTemplate) + "}";

    /// <summary>The <see cref="EngineField.WorkflowJobTemplate"/> token.</summary>
    public const string WorkflowJobTemplate = "{" + nameof(EngineField.WorkflowJobTemplate) + "}";

    /// <summary>The <see cref="EngineField.Organization"/> token.</summary>
    public const string Organization = "{" + nameof(EngineField.Organization) + "}";

    /// <summary>The <see cref="EngineField.Inventory"/> token.</summary>
    public const string Inventory = "{" + nameof(EngineField.Inventory) + "}";

    /// <summary>The <see cref="EngineField.Credentials"/> token.</summary>
    public const string Credentials = "{" + nameof(EngineField.Credentials) + "}";

    /// <summary>The <see cref="EngineField.Labels"/> token.</summary>
    public const string Labels = "{" + nameof(EngineField.Labels) + "}";

    /// <summary>The <see cref="EngineField.ExecutionEnvironment"/> token.</summary>
    public const string ExecutionEnvironment = "{" + nameof(EngineField.ExecutionEnvironment) + "}";

    /// <summary>The <see cref="EngineField.InstanceGroups"/> token.</summary>
    public const string InstanceGroups = "{" + nameof(EngineField.InstanceGroups) + "}";

    /// <summary>The <see cref="EngineField.ExtraVars"/> token.</summary>
    public const string ExtraVars = "{" + nameof(EngineField.ExtraVars) + "}";

    /// <summary>The <see cref="EngineField.Limit"/> token.</summary>
    public const string Limit = "{" + nameof(EngineField.Limit) + "}";

    /// <summary>The <see cref="EngineField.JobTags"/> token.</summary>
    public const string JobTags = "{" + nameof(EngineField.JobTags) + "}";

    /// <summary>The <see cref="EngineField.SkipTags"/> token.</summary>
    public const string SkipTags = "{" + nameof(EngineField.SkipTags) + "}";

    /// <summary>The <see cref="EngineField.Verbosity"/> token.</summary>
    public const string Verbosity = "{" + nameof(EngineField.Verbosity) + "}";

    /// <summary>The <see cref="EngineField.DiffMode"/> token.</summary>
    public const string DiffMode = "{" + nameof(EngineField.DiffMode) + "}";

    /// <summary>The <see cref="EngineField.JobType"/> token.</summary>
    public const string JobType = "{" + nameof(EngineField.JobType) + "}";

    /// <summary>The <see cref="EngineField.Forks"/> token.</summary>
    public const string Forks = "{" + nameof(EngineField.Forks) + "}";

    /// <summary>The <see cref="EngineField.ScmBranch"/> token.</summary>
    public const string ScmBranch = "{" + nameof(EngineField.ScmBranch) + "}";

    /// <summary>The <see cref="EngineField.JobSliceCount"/> token.</summary>
    public const string JobSliceCount = "{" + nameof(EngineField.JobSliceCount) + "}";

    /// <summary>The <see cref="EngineField.JobTimeout"/> token.</summary>
    public const string JobTimeout = "{" + nameof(EngineField.JobTimeout) + "}";

    /// <summary>The <see cref="EngineField.TargetHost"/> token.</summary>
    public const string TargetHost = "{" + nameof(EngineField.TargetHost) + "}";

    /// <summary>The <see cref="EngineField.TargetPort"/> token.</summary>
    public const string TargetPort = "{" + nameof(EngineField.TargetPort) + "}";

    /// <summary>The <see cref="EngineField.TargetUser"/> token.</summary>
    public const string TargetUser = "{" + nameof(EngineField.TargetUser) + "}";

    /// <summary>The <see cref="EngineField.ConnectionType"/> token.</summary>
    public const string ConnectionType = "{" + nameof(EngineField.ConnectionType) + "}";

    /// <summary>The <see cref="EngineField.WinRmTransport"/> token.</summary>
    public const string WinRmTransport = "{" + nameof(EngineField.WinRmTransport) + "}";

    /// <summary>The <see cref="EngineField.WinRmScheme"/> token.</summary>
    public const string WinRmScheme = "{" + nameof(EngineField.WinRmScheme) + "}";

    /// <summary>The <see cref="EngineField.WinRmServerCertValidation"/> token.</summary>
    public const string WinRmServerCertValidation = "{" + nameof(EngineField.WinRmServerCertValidation) + "}";

    /// <summary>The <see cref="EngineField.HostVariables"/> token.</summary>
    public const string HostVariables = "{" + nameof(EngineField.HostVariables) + "}";

    /// <summary>The <see cref="EngineField.TargetPassword"/> token.</summary>
    public const string TargetPassword = "{" + nameof(EngineField.TargetPassword) + "}";

    /// <summary>The <see cref="EngineField.SshPrivateKey"/> token.</summary>
    public const string SshPrivateKey = "{" + nameof(EngineField.SshPrivateKey) + "}";

    /// <summary>The <see cref="EngineField.SshPrivateKeyPath"/> token.</summary>
    public const string SshPrivateKeyPath = "{" + nameof(EngineField.SshPrivateKeyPath) + "}";

    /// <summary>The <see cref="EngineField.SshKeyPassphrase"/> token.</summary>
    public const string SshKeyPassphrase = "{" + nameof(EngineField.SshKeyPassphrase) + "}";

    /// <summary>The <see cref="EngineField.BecomePassword"/> token.</summary>
    public const string BecomePassword = "{" + nameof(EngineField.BecomePassword) + "}";

    /// <summary>The <see cref="EngineField.NoCredential"/> token.</summary>
    public const string NoCredential = "{" + nameof(EngineField.NoCredential) + "}";

    /// <summary>The <see cref="EngineField.BuildId"/> token.</summary>
    public const string BuildId = "{" + nameof(EngineField.BuildId) + "}";

    /// <summary>The <see cref="EngineField.Timeout"/> token.</summary>
    public const string Timeout = "{" + nameof(EngineField.Timeout) + "}";

    /// <summary>The <see cref="EngineField.WaitForCleanup"/> token.</summary>
    public const string WaitForCleanup = "{" + nameof(EngineField.WaitForCleanup) + "}";

    /// <summary>The <see cref="EngineField.OlderThan"/> token.</summary>
    public const string OlderThan = "{" + nameof(EngineField.OlderThan) + "}";

    /// <summary>The <see cref="EngineField.Job"/> token.</summary>
    public const string Job = "{" + nameof(EngineField.Job) + "}";
}
