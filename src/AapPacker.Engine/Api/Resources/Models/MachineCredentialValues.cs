using System.Collections.Generic;

namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// What a Machine credential is created with, unwrapped. Holds secrets: built right before the POST, never logged or
/// kept (its <see cref="ToString"/> shows none of them). <see cref="CredentialsResource"/> spells AAP's input names.
/// </summary>
internal sealed record MachineCredentialValues
{
    /// <summary>The login user, or null.</summary>
    public string? UserName { get; set; }

    /// <summary>The login password (secret), or null.</summary>
    public string? Password { get; set; }

    /// <summary>The private key text (secret), or null.</summary>
    public string? SshKeyData { get; set; }

    /// <summary>The key's passphrase (secret), or null.</summary>
    public string? SshKeyUnlock { get; set; }

    /// <summary>The privilege escalation method (sudo, su, ...), or null.</summary>
    public string? BecomeMethod { get; set; }

    /// <summary>The user to become, or null.</summary>
    public string? BecomeUsername { get; set; }

    /// <summary>The privilege escalation password (secret), or null.</summary>
    public string? BecomePassword { get; set; }

    /// <summary>The secret values given, in a fixed order (for redacting AAP's echo of them).</summary>
    public IEnumerable<string> Secrets
    {
        get
        {
            foreach (var secret in new[] { Password, SshKeyData, SshKeyUnlock, BecomePassword })
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    yield return secret!;
                }
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => "Machine credential values (user " + (UserName ?? "<none>") + ", secrets hidden)";
}
