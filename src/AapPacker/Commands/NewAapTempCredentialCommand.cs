using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Creates a temporary Machine credential in AAP for one Packer build.
/// The Machine credential type is found by kind and namespace; the key is checked before
/// anything is sent; secrets go to AAP only in the create request and never into any output.
/// </summary>
[Cmdlet(VerbsCommon.New, "AapTempCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapMachineCredential))]
public sealed class NewAapTempCredentialCommand : AapConnectedCmdlet
{
    /// <summary>The owning organization (name or id).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string Organization { get; set; } = "";

    /// <summary>The remote user.</summary>
    [Parameter(Mandatory = true)]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    public string UserName { get; set; } = "";

    /// <summary>The private key text.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? SshPrivateKey { get; set; }

    /// <summary>The private key file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SshPrivateKeyPath { get; set; }

    /// <summary>The login password.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Password { get; set; }

    /// <summary>The key's passphrase.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? SshKeyPassphrase { get; set; }

    /// <summary>Privilege escalation method.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BecomeMethod { get; set; }

    /// <summary>Privilege escalation user.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BecomeUser { get; set; }

    /// <summary>Privilege escalation password.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? BecomePassword { get; set; }

    /// <summary>The build id (default: the Packer run, else the session's build id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    internal override object? ErrorTarget => Organization;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        CiSecretRegistration.Register(ProcessEnvironment.Read(), SshPrivateKey, Password, SshKeyPassphrase, BecomePassword);

        // Provider paths belong to the session: resolve on the pipeline thread.
        var keyPath = SshPrivateKeyPath is null
            ? null
            : await InvokeOnPipelineThreadAsync(() => SessionState.Path.GetUnresolvedProviderPathFromPSPath(SshPrivateKeyPath)).ConfigureAwait(false);
        CiSecretRegistration.RegisterKeyFile(ProcessEnvironment.Read(), keyPath);
        await ErrorRecordFactory.GuardAsync(() => CreateAsync(keyPath, cancellationToken), () => Organization).ConfigureAwait(false);
    }

    private async Task CreateAsync(string? keyPath, CancellationToken cancellationToken)
    {
        // Everything that needs no network is checked first: a bad key creates nothing, -WhatIf included.
        var inputs = BuildInputs(Given(keyPath));
        var api = new AapClientApi(ResolveClient());
        var organization = await new NamedObjectResolver(api).OrganizationAsync(Organization, cancellationToken).ConfigureAwait(false);
        var machineType = await MachineCredentialType.FindIdAsync(api, cancellationToken).ConfigureAwait(false);
        var build = SessionBuildId.Create(CurrentRunspace, BuildId);
        var name = BuildNaming.CredentialName(build);
        if (!await ShouldProcessAsync($"organization {organization}", $"Create temporary Machine credential '{name}' ({inputs}) for build {build.BuildId}").ConfigureAwait(false))
        {
            return;
        }

        var ledger = StepLedger.Open(build);
        var credential = await new TemporaryResources(api).CreateMachineCredentialAsync(build, organization.Id, machineType, inputs, ledger, cancellationToken).ConfigureAwait(false);
        QueueVerbose($"Created {credential} for build {credential.BuildId}");
        StepLedger.Report(this, ledger, $"credential {credential.Id}");
        QueueObject(credential);
    }

    /// <summary>The inputs, by the lifecycle's rules (<see cref="CredentialInputsBuilder"/>); no Packer environment here.</summary>
    internal static MachineCredentialInputs BuildInputs(ProvisioningCredential given)
        => CredentialInputsBuilder.Build(given, given.UserName, packer: null, () => AapProvisioningException.Configuration(ProvisioningErrorKind.CredentialSecretMissing,
            "No key or password was given, so the credential could not log in to the build machine.",
            $"Pass {Fields.SshPrivateKeyPath}, {Fields.SshPrivateKey} or {Fields.TargetPassword}."));

    private ProvisioningCredential Given(string? keyPath) => new ProvisioningCredential
    {
        UserName = UserName,
        SshPrivateKeyPath = keyPath,
        SshPrivateKey = Secret(SshPrivateKey),
        SshKeyPassphrase = Secret(SshKeyPassphrase),
        Password = Secret(Password),
        BecomeMethod = BecomeMethod,
        BecomeUser = BecomeUser,
        BecomePassword = Secret(BecomePassword),
    };

    private static SecretText? Secret(SecureString? value) => value is null ? null : SecretText.FromSecureString(value);
}
