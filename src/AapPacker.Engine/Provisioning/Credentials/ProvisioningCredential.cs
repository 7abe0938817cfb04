using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The temporary Machine credential's secrets as given (<see cref="CredentialInputsBuilder"/> turns them into
/// inputs), or <see cref="None"/>, and more AAP credentials to pass at launch. Null = not given.
/// </summary>
internal sealed class ProvisioningCredential
{
    /// <summary>Create no credential (the template's own Machine credential is used). Required for workflows.</summary>
    public bool None { get; set; }

    /// <summary>The credential's user; null = the target's user (<see cref="ProvisioningTarget.User"/>).</summary>
    public string? UserName { get; set; }

    /// <summary>Private key file.</summary>
    public string? SshPrivateKeyPath { get; set; }

    /// <summary>Private key text (else <c>AAPPACKER_SSHKEY_B64</c>).</summary>
    public SecretText? SshPrivateKey { get; set; }

    /// <summary>The key's passphrase.</summary>
    public SecretText? SshKeyPassphrase { get; set; }

    /// <summary>Login password (else <c>AAPPACKER_PASSWORD_B64</c>).</summary>
    public SecretText? Password { get; set; }

    /// <summary>Become method.</summary>
    public string? BecomeMethod { get; set; }

    /// <summary>Become user.</summary>
    public string? BecomeUser { get; set; }

    /// <summary>Become password.</summary>
    public SecretText? BecomePassword { get; set; }

    /// <summary>More credentials to pass at launch (names or ids), e.g. a Vault credential.</summary>
    public IList<string> Extra { get; set; } = new List<string>();

    /// <summary>True when a key or a password was given directly (not through Packer's environment).</summary>
    public bool HasSecret
        => !string.IsNullOrWhiteSpace(SshPrivateKeyPath) || (SshPrivateKey != null && !SshPrivateKey.IsEmpty) || (Password != null && !Password.IsEmpty);
}
