using System.Security;

namespace AapPacker.Module.Tests;

/// <summary>Test credentials as the SecureStrings the cmdlets take.</summary>
internal static class TestSecrets
{
    public static SecureString Of(string value)
    {
        var secret = new SecureString();
        foreach (var c in value)
        {
            secret.AppendChar(c);
        }

        secret.MakeReadOnly();
        return secret;
    }
}
