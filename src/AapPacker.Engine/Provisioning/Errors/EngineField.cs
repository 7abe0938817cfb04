namespace AapPacker.Engine.Provisioning;

/// <summary>
/// An input of the engine, by the engine's own name (the <see cref="ProvisioningRequest"/> property or the concept).
/// Engine messages mention inputs as <c>{Name}</c> tokens (<see cref="Fields"/>); the cmdlet layer renders each token
/// as the parameter of the cmdlet that was called (<c>{TargetHost}</c> is <c>-TargetHost</c> under
/// Invoke-AapPackerProvision and <c>-Address</c> under Add-AapHost).
/// </summary>
public enum EngineField
{
    /// <summary>The job template (name or id).</summary>
    JobTemplate,
    /// <summary>The workflow job template (name or id).</summary>
    WorkflowJobTemplate,
    /// <summary>The organization (name or id).</summary>
    Organization,
    /// <summary>An existing inventory (name or id).</summary>
    Inventory,
    /// <summary>More AAP credentials passed at launch.</summary>
    Credentials,
    /// <summary>Labels passed at launch.</summary>
    Labels,
    /// <summary>The execution environment passed at launch.</summary>
    ExecutionEnvironment,
    /// <summary>Instance groups passed at launch.</summary>
    InstanceGroups,
    /// <summary>Extra variables.</summary>
    ExtraVars,
    /// <summary>The launch limit.</summary>
    Limit,
    /// <summary>Job tags.</summary>
    JobTags,
    /// <summary>Skip tags.</summary>
    SkipTags,
    /// <summary>Ansible verbosity.</summary>
    Verbosity,
    /// <summary>Diff mode.</summary>
    DiffMode,
    /// <summary>run or check.</summary>
    JobType,
    /// <summary>Forks.</summary>
    Forks,
    /// <summary>The source control branch.</summary>
    ScmBranch,
    /// <summary>Job slices.</summary>
    JobSliceCount,
    /// <summary>AAP's own job timeout.</summary>
    JobTimeout,
    /// <summary>The target's address.</summary>
    TargetHost,
    /// <summary>The target's port.</summary>
    TargetPort,
    /// <summary>The user on the target.</summary>
    TargetUser,
    /// <summary>ssh or winrm.</summary>
    ConnectionType,
    /// <summary>WinRM transport.</summary>
    WinRmTransport,
    /// <summary>WinRM scheme.</summary>
    WinRmScheme,
    /// <summary>WinRM certificate validation.</summary>
    WinRmServerCertValidation,
    /// <summary>More host variables.</summary>
    HostVariables,
    /// <summary>The target's login password.</summary>
    TargetPassword,
    /// <summary>Private key text.</summary>
    SshPrivateKey,
    /// <summary>Private key file.</summary>
    SshPrivateKeyPath,
    /// <summary>The key's passphrase.</summary>
    SshKeyPassphrase,
    /// <summary>The become password.</summary>
    BecomePassword,
    /// <summary>Create no temporary credential.</summary>
    NoCredential,
    /// <summary>The build id.</summary>
    BuildId,
    /// <summary>How long to wait for the job.</summary>
    Timeout,
    /// <summary>Wait for the cleanup instead of handing it to the guardian.</summary>
    WaitForCleanup,
    /// <summary>The age a leftover sweep needs.</summary>
    OlderThan,
    /// <summary>A job (id or object).</summary>
    Job,
}
