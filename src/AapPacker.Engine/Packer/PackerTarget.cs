using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Packer;

/// <summary>
/// What a Packer build hands the provisioner: where the machine is, how to log in, and which build this is.
/// Every member is null when Packer did not give it. Secrets are <see cref="SecretText"/>.
/// </summary>
internal sealed class PackerTarget
{
    /// <summary>The address Packer connects to (<c>AAPPACKER_HOST</c> = <c>build.Host</c>).</summary>
    public string? Host { get; set; }

    /// <summary>The port (<c>AAPPACKER_PORT</c>).</summary>
    public int? Port { get; set; }

    /// <summary>The login user (<c>AAPPACKER_USER</c>).</summary>
    public string? User { get; set; }

    /// <summary><c>ssh</c> or <c>winrm</c> (<c>AAPPACKER_CONNTYPE</c>); <c>none</c> is reported as null.</summary>
    public string? ConnectionType { get; set; }

    /// <summary>Packer's run UUID (<c>AAPPACKER_RUN_ID</c>, else <c>PACKER_RUN_UUID</c>).</summary>
    public string? RunUuid { get; set; }

    /// <summary>The build block name (<c>AAPPACKER_BUILD</c>, else <c>PACKER_BUILD_NAME</c>, the source name).</summary>
    public string? BuildName { get; set; }

    /// <summary>The builder type (<c>PACKER_BUILDER_TYPE</c>).</summary>
    public string? BuilderType { get; set; }

    /// <summary>The private key decoded from <c>AAPPACKER_SSHKEY_B64</c>.</summary>
    public SecretText? SshPrivateKey { get; set; }

    /// <summary>The password decoded from <c>AAPPACKER_PASSWORD_B64</c>.</summary>
    public SecretText? Password { get; set; }

    /// <inheritdoc />
    public override string ToString()
        => $"{ConnectionType ?? "?"}://{User ?? "?"}@{Host ?? "?"}:{(Port.HasValue ? Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")} (run {RunUuid ?? "?"}, build {BuildName ?? "?"}, key {(SshPrivateKey is null ? "no" : "yes")}, password {(Password is null ? "no" : "yes")})";
}
