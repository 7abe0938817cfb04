using System;
using System.Collections.Generic;
using System.Linq;

namespace AapPacker.TestSecrets;

/// <summary>
/// Every secret the tests hand to AapPacker, in one place: C# tests use the constants, Pester reads them through
/// <c>Get-TestSecret</c>, and the secret scan checks the whole test run's output for each of them in every form.
/// A test that needs a secret takes it from here, so the scan knows what to look for.
/// </summary>
public static class TestSecretCatalog
{
    /// <summary>The simulator's seeded admin token (write scope).</summary>
    public const string AdminToken = "sim-admin-token";

    /// <summary>The simulator's seeded auditor token (read scope).</summary>
    public const string ReadToken = "sim-read-token";

    /// <summary>The simulator's <c>reader</c> password.</summary>
    public const string ReaderPassword = "readerpass";

    /// <summary>The simulator's <c>nobody</c> password.</summary>
    public const string NobodyPassword = "nobodypass";

    /// <summary>The vault password of the simulator's seeded "Demo Vault" credential.</summary>
    public const string VaultPassword = "demo-vault-secret";

    /// <summary>A token AAP does not know (for 401 tests): rejected tokens must not be echoed either.</summary>
    public const string UnknownToken = "bad-token-7f3a9c1e";

    /// <summary>A wrong password (for 401 tests): rejected passwords must not be echoed either.</summary>
    public const string RejectedPassword = "wrong-pass-5b8d2e";

    /// <summary>The build machine's password (Packer's <c>build.Password</c>).</summary>
    public const string TargetPassword = "Tgt-pass-9QxV7mLw2Zr4Kd8s";

    /// <summary>The privilege escalation (become) password.</summary>
    public const string BecomePassword = "Bcm-pass-4Hn8Tq2Lx6Wz1Rv3";

    /// <summary>The passphrase of an encrypted private key.</summary>
    public const string KeyPassphrase = "Kp-phrase-7Jd3Xc9Nm5Bv2Fg";

    /// <summary>
    /// An OpenSSH-shaped private key (not real key material: the container header, then lines that say what
    /// they are). Its body lines are what a leak would show line by line.
    /// </summary>
    public const string PrivateKey =
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
        + "QyNTUxOQAAACDkTestKeyBodyThatMustNotLeakAnywhere0123456789AAAAsecretK3y\n"
        + "AAAAQFakeButDistinctivePrivateKeyLineNumberThreeForTheSecretScan9Zq7Lmw\n"
        + "-----END OPENSSH PRIVATE KEY-----\n";

    /// <summary>
    /// The simulator's admin password. It is the word "password", which output legitimately contains (parameter
    /// names, help), so it cannot be scanned for; tests that must prove a password does not leak use
    /// <see cref="ReaderPassword"/> or <see cref="TargetPassword"/>.
    /// </summary>
    public const string AdminPassword = "password";

    /// <summary>The secrets the scan looks for, numbered (the numbers are what reports show).</summary>
    public static IReadOnlyList<TestSecret> Scanned { get; } = new[]
    {
        (nameof(AdminToken), AdminToken),
        (nameof(ReadToken), ReadToken),
        (nameof(ReaderPassword), ReaderPassword),
        (nameof(NobodyPassword), NobodyPassword),
        (nameof(VaultPassword), VaultPassword),
        (nameof(UnknownToken), UnknownToken),
        (nameof(RejectedPassword), RejectedPassword),
        (nameof(TargetPassword), TargetPassword),
        (nameof(BecomePassword), BecomePassword),
        (nameof(KeyPassphrase), KeyPassphrase),
        (nameof(PrivateKey), PrivateKey),
    }.Select((entry, index) => new TestSecret(index + 1, entry.Item1, entry.Item2)).ToArray();

    /// <summary>A catalogue value by name (for Pester), with a clear error for a name that is not there.</summary>
    public static string Get(string name)
    {
        if (string.Equals(name, nameof(AdminPassword), StringComparison.Ordinal))
        {
            return AdminPassword;
        }

        return Scanned.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))?.Value
            ?? throw new ArgumentException(
                $"No test secret named '{name}'. Known: {string.Join(", ", Scanned.Select(s => s.Name))}, {nameof(AdminPassword)}.", nameof(name));
    }
}
