using System.Security;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>The simulator's seeded credentials (from the one test catalogue the secret scan knows), and a helper to make SecureStrings.</summary>
public static class Secrets
{
    public const string AdminToken = TestSecretCatalog.AdminToken;
    public const string ReadToken = TestSecretCatalog.ReadToken;
    public const string AdminUser = "admin";
    public const string AdminPassword = TestSecretCatalog.AdminPassword;
    public const string ReaderUser = "reader";
    public const string ReaderPassword = TestSecretCatalog.ReaderPassword;
    public const string NobodyUser = "nobody";
    public const string NobodyPassword = TestSecretCatalog.NobodyPassword;

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
