using System;
using System.Linq;
using System.Security;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Packer;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Invoke-AapPackerProvision's parameters as one <see cref="ProvisioningRequest"/>: each parameter goes to the one
/// setting of its part (target, credential, launch, follow, cleanup); a value-type parameter that was not bound
/// stays null. Runs on the pipeline thread (bound parameters and provider paths belong to it).
/// </summary>
internal static class ProvisionRequestBuilder
{
    public static ProvisioningRequest Build(InvokeAapPackerProvisionCommand c)
    {
        var bound = c.MyInvocation.BoundParameters;
        T? Given<T>(string name, T value) where T : struct => bound.ContainsKey(name) ? value : (T?)null;
        var request = new ProvisioningRequest
        {
            JobTemplate = NameOrIdAttribute.ToReference(c.JobTemplate),
            WorkflowJobTemplate = NameOrIdAttribute.ToReference(c.WorkflowJobTemplate),
            Organization = c.Organization,
            BuildId = c.BuildId,
            Packer = PackerEnvironmentReader.ReadProcessEnvironment(),
            Target = new ProvisioningTarget
            {
                Host = c.TargetHost,
                Port = Given(nameof(c.TargetPort), c.TargetPort),
                User = c.TargetUser,
                ConnectionType = c.ConnectionType,
                WinRmTransport = c.WinRMTransport,
                WinRmScheme = c.WinRMScheme,
                WinRmServerCertValidation = c.WinRMServerCertValidation,
                HostName = c.HostName,
                HostVariables = PipelineValues.ToDictionary(c.HostVariables),
                InventoryId = c.InventoryId,
                InventoryVariables = PipelineValues.ToDictionary(c.InventoryVariables),
            },
            Credential = new ProvisioningCredential
            {
                None = c.NoCredential,
                SshPrivateKeyPath = string.IsNullOrWhiteSpace(c.SshPrivateKeyPath) ? null : c.SessionState.Path.GetUnresolvedProviderPathFromPSPath(c.SshPrivateKeyPath),
                SshPrivateKey = Secret(c.SshPrivateKey),
                SshKeyPassphrase = Secret(c.SshKeyPassphrase),
                Password = Secret(c.TargetPassword),
                BecomeMethod = c.BecomeMethod,
                BecomeUser = c.BecomeUser,
                BecomePassword = Secret(c.BecomePassword),
                Extra = TemplateStart.CredentialKeys(c.AapCredential),
            },
            Launch = new ProvisioningLaunch
            {
                ExtraVars = ExtraVarsInput.Read(c, c.ExtraVars),
                Limit = c.Limit,
                JobTags = c.Tag is null ? null : string.Join(",", c.Tag),
                SkipTags = c.SkipTag is null ? null : string.Join(",", c.SkipTag),
                Verbosity = Given(nameof(c.Verbosity), c.Verbosity),
                DiffMode = Given(nameof(c.DiffMode), c.DiffMode.IsPresent),
                JobType = c.JobType,
                ExecutionEnvironment = c.ExecutionEnvironment,
                Labels = c.Label?.ToList() ?? new System.Collections.Generic.List<string>(),
                Forks = Given(nameof(c.Forks), c.Forks),
                InstanceGroups = c.InstanceGroup?.ToList() ?? new System.Collections.Generic.List<string>(),
                ScmBranch = c.ScmBranch,
                JobSliceCount = Given(nameof(c.JobSliceCount), c.JobSliceCount),
                JobTimeout = Given(nameof(c.JobTimeout), c.JobTimeout),
            },
        };
        var timeout = Given(nameof(c.Timeout), c.Timeout);
        request.Follow.Timeout = timeout > TimeSpan.Zero ? timeout : null;
        request.Follow.NoOutput = c.NoOutput;
        request.Follow.MaxPollInterval = c.PollInterval > TimeSpan.Zero ? c.PollInterval : TimeSpan.FromSeconds(5);
        if (request.Follow.MinPollInterval > request.Follow.MaxPollInterval)
        {
            request.Follow.MinPollInterval = request.Follow.MaxPollInterval;
        }

        request.Cleanup.KeepInventory = c.KeepInventory;
        request.Cleanup.KeepCredential = c.KeepCredential;
        request.Cleanup.WaitForCleanup = c.WaitForCleanup;
        return request;
    }

    /// <summary>The connection settings given on the command line (used only when the session has no connection).</summary>
    public static (Engine.Api.AapSettingsInput Input, bool Given) Connection(InvokeAapPackerProvisionCommand c)
        => (new Engine.Api.AapSettingsInput
            {
                Uri = c.Uri,
                Token = c.Token,
                UserName = c.AapUserName,
                Password = c.AapPassword,
                SkipCertificateCheck = c.MyInvocation.BoundParameters.ContainsKey(nameof(c.SkipCertificateCheck)) ? c.SkipCertificateCheck.IsPresent : (bool?)null,
            },
            c.Uri != null || c.Token != null || c.AapUserName != null || c.AapPassword != null);

    private static SecretText? Secret(SecureString? value) => value is null ? null : SecretText.FromSecureString(value);
}
