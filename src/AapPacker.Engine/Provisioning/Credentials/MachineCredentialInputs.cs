using System;
using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The inputs of a temporary Machine credential (aap-api.md §5.2). Secrets are <see cref="SecretText"/> and are
/// unwrapped only in <see cref="ToRequestInputs"/>, which builds the POST body. <see cref="Validate"/> runs before
/// anything is created.
/// </summary>
public sealed class MachineCredentialInputs
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

    /// <summary>The <c>inputs</c> object for <c>POST credentials/</c>. Holds secrets: never log or keep it.</summary>
    internal Dictionary<string, string> ToRequestInputs()
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(UserName))
        {
            inputs["username"] = UserName!;
        }

        if (HasPassword)
        {
            inputs["password"] = Password!.Reveal();
        }

        if (SshKey != null)
        {
            inputs["ssh_key_data"] = SshKey.Text.Reveal();
        }

        if (SshKeyUnlock != null && !SshKeyUnlock.IsEmpty)
        {
            inputs["ssh_key_unlock"] = SshKeyUnlock.Reveal();
        }

        if (!string.IsNullOrWhiteSpace(BecomeMethod))
        {
            inputs["become_method"] = BecomeMethod!.Trim();
        }

        if (!string.IsNullOrWhiteSpace(BecomeUsername))
        {
            inputs["become_username"] = BecomeUsername!.Trim();
        }

        if (BecomePassword != null && !BecomePassword.IsEmpty)
        {
            inputs["become_password"] = BecomePassword.Reveal();
        }

        return inputs;
    }

    /// <inheritdoc />
    public override string ToString() => $"Machine credential inputs: user {UserName ?? "<none>"}, {Authentication}{(string.IsNullOrEmpty(BecomeMethod) ? "" : ", become " + BecomeMethod)}";
}
