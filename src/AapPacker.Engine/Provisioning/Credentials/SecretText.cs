using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// A secret held by the engine (password, private key, passphrase). <see cref="ToString"/> redacts it, so it
/// cannot leak through logs, exception messages or string interpolation; the plain text is reached only through
/// <see cref="Reveal"/>, which the engine calls where a request body is built.
/// </summary>
internal sealed class SecretText
{
    private readonly string _value;

    private SecretText(string value) => _value = value;

    /// <summary>Wraps plain text (e.g. decoded from Packer's base64 environment variable).</summary>
    public static SecretText FromPlainText(string value) => new SecretText(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Copies a <see cref="SecureString"/> (what cmdlets receive).</summary>
    public static SecretText FromSecureString(SecureString value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            return new SecretText(Marshal.PtrToStringUni(pointer) ?? "");
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    /// <summary>True when the secret is the empty string.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>The plain text. Call only where it goes into a request body.</summary>
    internal string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";
}
