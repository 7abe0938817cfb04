using System;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The one way from given secrets to a Machine credential's inputs, for <c>New-AapTempCredential</c> and the
/// provisioning lifecycle alike. Precedence: a key given both as text and as a file is refused
/// (<see cref="ProvisioningErrorKind.SshKeyGivenTwice"/>); the key is the file, else the text, else Packer's
/// (<c>AAPPACKER_SSHKEY_B64</c>); the password is the one given (when not empty), else Packer's. With neither a key
/// nor a password the caller's error applies (each cmdlet keeps its documented error id).
/// </summary>
internal static class CredentialInputsBuilder
{
    /// <summary>Builds and validates the inputs; <paramref name="noSecret"/> is thrown when there is nothing to log in with.</summary>
    public static MachineCredentialInputs Build(ProvisioningCredential given, string? userName, PackerTarget? packer, Func<AapProvisioningException> noSecret)
    {
        if (given is null)
        {
            throw new ArgumentNullException(nameof(given));
        }

        if (noSecret is null)
        {
            throw new ArgumentNullException(nameof(noSecret));
        }

        var keyText = given.SshPrivateKey != null && !given.SshPrivateKey.IsEmpty ? given.SshPrivateKey : null;
        var keyPath = string.IsNullOrWhiteSpace(given.SshPrivateKeyPath) ? null : given.SshPrivateKeyPath;
        if (keyPath != null && keyText != null)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.SshKeyGivenTwice,
                $"Both {Fields.SshPrivateKey} and {Fields.SshPrivateKeyPath} were given.",
                $"Pass the key once: as text with {Fields.SshPrivateKey} or as a file with {Fields.SshPrivateKeyPath}.");
        }

        SshPrivateKey? key = null;
        if (keyPath != null)
        {
            key = SshPrivateKey.FromFile(keyPath);
        }
        else if (keyText != null)
        {
            key = SshPrivateKey.Parse(keyText, Fields.SshPrivateKey);
        }
        else if (packer?.SshPrivateKey != null)
        {
            key = SshPrivateKey.Parse(packer.SshPrivateKey, PackerEnvironmentReader.SshKeyVariable);
        }

        var password = given.Password != null && !given.Password.IsEmpty ? given.Password : packer?.Password;
        if (key is null && (password is null || password.IsEmpty))
        {
            throw noSecret();
        }

        var inputs = new MachineCredentialInputs
        {
            UserName = userName,
            Password = password,
            SshKey = key,
            SshKeyUnlock = given.SshKeyPassphrase,
            BecomeMethod = given.BecomeMethod,
            BecomeUsername = given.BecomeUser,
            BecomePassword = given.BecomePassword,
        };
        inputs.Validate();
        return inputs;
    }
}
