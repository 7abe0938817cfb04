using System.Security;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>The simulator's seeded credentials, and a helper to make SecureStrings.</summary>
public static class Secrets
{
    public const string AdminToken = "sim-admin-token";
    public const string ReadToken = "sim-read-token";
    public const string AdminUser = "admin";
    public const string AdminPassword = "password";
    public const string ReaderUser = "reader";
    public const string ReaderPassword = "readerpass";
    public const string NobodyUser = "nobody";
    public const string NobodyPassword = "nobodypass";

    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
