namespace AapPacker.Engine.Api.Resources;

/// <summary>
/// The host variables AAP hands to Ansible for the build's host (<c>hosts/&lt;id&gt;/variables</c>): Ansible's own
/// connection variable names, kept beside the other wire names so the lifecycle speaks in types.
/// </summary>
internal static class AnsibleHostVariables
{
    public const string Host = "ansible_host";
    public const string Port = "ansible_port";
    public const string User = "ansible_user";
    public const string Connection = "ansible_connection";
    public const string WinRmTransport = "ansible_winrm_transport";
    public const string WinRmScheme = "ansible_winrm_scheme";
    public const string WinRmServerCertValidation = "ansible_winrm_server_cert_validation";
}
