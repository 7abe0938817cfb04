using System.Buffers.Binary;
using System.Text;

namespace AapPacker.Simulator.Tests.Support;

/// <summary>Synthetic private keys: structurally valid PEM/OpenSSH containers (not real key material).</summary>
public static class TestKeys
{
    public static string OpenSshUnencrypted { get; } = OpenSsh("none");
    public static string OpenSshEncrypted { get; } = OpenSsh("aes256-ctr");

    public static string PemEncrypted { get; } =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"
        + Convert.ToBase64String(new byte[96]) + "\n-----END RSA PRIVATE KEY-----\n";

    public static string PemUnencrypted { get; } =
        "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(new byte[96]) + "\n-----END RSA PRIVATE KEY-----\n";

    private static string OpenSsh(string cipher)
    {
        var blob = new List<byte>();
        blob.AddRange(Encoding.ASCII.GetBytes("openssh-key-v1\0"));
        var len = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(len, (uint)cipher.Length);
        blob.AddRange(len);
        blob.AddRange(Encoding.ASCII.GetBytes(cipher));
        blob.AddRange(new byte[64]);
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Convert.ToBase64String(blob.ToArray()) + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }
}
