using System;
using System.Collections.Generic;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The inputs of a temporary Machine credential (aap-api.md §5.2). Secrets are <see cref="SecretText"/> and are
/// unwrapped only in <see cref="ToRequestValues"/>, which builds the POST body. <see cref="Validate"/> runs before
/// anything is created.
/// </summary>
internal sealed class MachineCredentialInputs
{
    private static readonly char[] WhiteSpace = { ' ', '\t', '\r', '\n' };

    /// <summary>Remote user.</summary>
    public string? UserName { get; set; }

    /// <summary>SSH or WinRM password.</summary>
    public SecretText? Password { get; set; }

    /// <summary>The private key (checked).</summary>
    public SshPrivateKey? SshKey { get; set; }

    /// <summary>The key's passphrase.</summary>
    public SecretText? SshKeyUnlock { get; set; }

    /// <summary>Privilege escalation method (<c>sudo</c>, <c>su</c>, <c>runas</c>, …).</summary>
    public string? BecomeMethod { get; set; }

    /// <summary>Privilege escalation user.</summary>
    public string? BecomeUsername { get; set; }

    /// <summary>Privilege escalation password.</summary>
    public SecretText? BecomePassword { get; set; }

    /// <summary><c>ssh-key</c>, <c>password</c>, <c>ssh-key+password</c> or <c>none</c>.</summary>
    public string Authentication
        => SshKey != null ? (HasPassword ? "ssh-key+password" : "ssh-key") : HasPassword ? "password" : "none";

    private bool HasPassword => Password != null && !Password.IsEmpty;

    /// <summary>Checks AAP's rules and ours; throws <see cref="AapProvisioningException"/> (exit code 4).</summary>
    public void Validate()
    {
        if (SshKey != null)
        {
            SshKey.CheckPassphrase(SshKeyUnlock);
        }
        else if (SshKeyUnlock != null && !SshKeyUnlock.IsEmpty)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.PassphraseWithoutSshKey,
                "A key passphrase was given without a private key.", $"Pass {Fields.SshPrivateKey} or {Fields.SshPrivateKeyPath}, or remove {Fields.SshKeyPassphrase}.");
        }

        foreach (var (secret, parameter) in new[] { (Password, Fields.TargetPassword), (BecomePassword, Fields.BecomePassword), (SshKeyUnlock, Fields.SshKeyPassphrase) })
        {
            if (secret != null && string.Equals(secret.Reveal(), "ASK", StringComparison.Ordinal))
            {
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.AskPasswordNotSupported,
                    $"{parameter} is the literal 'ASK', which makes AAP prompt at launch; an unattended build cannot answer.", $"Pass the real value with {parameter}.");
            }
        }

        if (BecomePassword != null && !BecomePassword.IsEmpty && string.IsNullOrWhiteSpace(BecomeMethod))
        {
            BecomeMethod = "sudo";
        }

        if (!string.IsNullOrEmpty(UserName) && UserName!.IndexOfAny(WhiteSpace) >= 0 && !UserName.Contains("\\"))
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidUserName, $"The user name '{UserName}' contains white space.", $"Pass {Fields.TargetUser} without spaces.");
        }
    }

    /// <summary>The values the credential is created with (unwrapped). Holds secrets: never log or keep them.</summary>
    internal MachineCredentialValues ToRequestValues()
        => new MachineCredentialValues
        {
            UserName = string.IsNullOrEmpty(UserName) ? null : UserName,
            Password = HasPassword ? Password!.Reveal() : null,
            SshKeyData = SshKey?.Text.Reveal(),
            SshKeyUnlock = SshKeyUnlock != null && !SshKeyUnlock.IsEmpty ? SshKeyUnlock.Reveal() : null,
            BecomeMethod = string.IsNullOrWhiteSpace(BecomeMethod) ? null : BecomeMethod!.Trim(),
            BecomeUsername = string.IsNullOrWhiteSpace(BecomeUsername) ? null : BecomeUsername!.Trim(),
            BecomePassword = BecomePassword != null && !BecomePassword.IsEmpty ? BecomePassword.Reveal() : null,
        };

    /// <inheritdoc />
    public override string ToString() => $"Machine credential inputs: user {UserName ?? "<none>"}, {Authentication}{(string.IsNullOrEmpty(BecomeMethod) ? "" : ", become " + BecomeMethod)}";
}
