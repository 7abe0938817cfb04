using System;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace AapPacker.Engine.Api;

/// <summary>
/// Builds the <c>Authorization</c> header from the secrets in <see cref="AapClientOptions"/>. The
/// <see cref="SecureString"/> is unwrapped here and nowhere else; the unmanaged copy is zeroed at once.
/// </summary>
internal static class AuthenticationHeader
{
    /// <summary><c>Token</c>, <c>Basic</c> or <c>None</c>: what <see cref="Create"/> would send.</summary>
    public static string Describe(AapClientOptions options)
    {
        if (HasValue(options.Token))
        {
            return "Token";
        }

        return !string.IsNullOrEmpty(options.UserName) ? "Basic" : "None";
    }

    /// <summary>True when the options carry credentials of any kind.</summary>
    public static bool HasCredentials(AapClientOptions options) => Describe(options) != "None";

    /// <summary>The header to send, or null for an anonymous request. A token beats Basic.</summary>
    public static AuthenticationHeaderValue? Create(AapClientOptions options)
    {
        if (HasValue(options.Token))
        {
            return new AuthenticationHeaderValue("Bearer", Unwrap(options.Token!));
        }

        if (!string.IsNullOrEmpty(options.UserName))
        {
            var password = options.Password is null ? string.Empty : Unwrap(options.Password);
            var pair = Encoding.UTF8.GetBytes(options.UserName + ":" + password);
            try
            {
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
            }
            finally
            {
                Array.Clear(pair, 0, pair.Length);
            }
        }

        return null;
    }

    private static bool HasValue(SecureString? secret) => secret != null && secret.Length > 0;

    private static string Unwrap(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
