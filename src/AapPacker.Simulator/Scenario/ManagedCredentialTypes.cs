using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Scenario;

/// <summary>
/// The managed credential types a controller ships (more than one page of them). Their ids follow this list,
/// so the Machine type is deliberately not id 1: clients must look it up by kind/namespace.
/// </summary>
internal static class ManagedCredentialTypes
{
    private static readonly CredentialInputField[] UserPassword =
    [
        new("host", "Host", false), new("username", "Username", false), new("password", "Password", true),
    ];

    private static readonly CredentialInputField[] ApiToken = [new("url", "URL", false), new("token", "Token", true)];

    public static IReadOnlyList<(string Name, string Kind, string Namespace, CredentialInputField[] Fields)> All { get; } =
    [
        ("Ansible Galaxy/Automation Hub API Token", "galaxy", "galaxy_api_token", ApiToken),
        ("Amazon Web Services", "cloud", "aws", [new("username", "Access Key", false), new("password", "Secret Key", true), new("security_token", "STS Token", true)]),
        ("AWS Secrets Manager Lookup", "external", "aws_secretsmanager_credential", UserPassword),
        ("Bitbucket Data Center HTTP Access Token", "token", "bitbucket_dc_token", ApiToken),
        ("Centrify Vault Credential Provider Lookup", "external", "centrify_vault_kv", UserPassword),
        ("Container Registry", "registry", "registry", UserPassword),
        ("CyberArk Central Credential Provider Lookup", "external", "aim", ApiToken),
        ("CyberArk Conjur Secrets Manager Lookup", "external", "conjur", ApiToken),
        ("GitHub App Installation Access Token Lookup", "external", "github_app", ApiToken),
        ("GitHub Personal Access Token", "token", "github_token", ApiToken),
        ("GitLab Personal Access Token", "token", "gitlab_token", ApiToken),
        ("Google Compute Engine", "cloud", "gce", [new("username", "Service Account Email Address", false), new("project", "Project", false), new("ssh_key_data", "RSA Private Key", true, true)]),
        ("GPG Public Key", "cryptography", "gpg_public_key", [new("gpg_public_key", "GPG Public Key", false, true)]),
        ("HashiCorp Vault Secret Lookup", "external", "hashivault_kv", ApiToken),
        ("HashiCorp Vault Signed SSH", "external", "hashivault_ssh", ApiToken),
        ("Insights", "insights", "insights", UserPassword),
        (
            "Machine", "ssh", "ssh",
            [
                new("username", "Username", false),
                new("password", "Password", true, false, true),
                new("ssh_key_data", "SSH Private Key", true, true),
                new("ssh_public_key_data", "Signed SSH Certificate", true, true),
                new("ssh_key_unlock", "Private Key Passphrase", true, false, true),
                new("become_method", "Privilege Escalation Method", false),
                new("become_username", "Privilege Escalation Username", false),
                new("become_password", "Privilege Escalation Password", true, false, true),
            ]
        ),
        ("Microsoft Azure Key Vault", "external", "azure_kv", UserPassword),
        ("Microsoft Azure Resource Manager", "cloud", "azure_rm", UserPassword),
        ("Network", "net", "net", UserPassword),
        ("OpenShift or Kubernetes API Bearer Token", "kubernetes", "kubernetes_bearer_token", ApiToken),
        ("OpenStack", "cloud", "openstack", UserPassword),
        ("Red Hat Ansible Automation Platform", "cloud", "controller", UserPassword),
        ("Red Hat Satellite 6", "cloud", "satellite6", UserPassword),
        ("Red Hat Virtualization", "cloud", "rhv", UserPassword),
        ("Source Control", "scm", "scm", [new("username", "Username", false), new("password", "Password", true), new("ssh_key_data", "SCM Private Key", true, true), new("ssh_key_unlock", "Private Key Passphrase", true)]),
        ("Terraform backend configuration", "cloud", "terraform", [new("configuration", "Backend configuration", true, true)]),
        ("Thycotic DevOps Secrets Vault", "external", "thycotic_dsv", ApiToken),
        ("Thycotic Secret Server", "external", "thycotic_tss", ApiToken),
        ("Vault", "vault", "vault", [new("vault_password", "Vault Password", true, false, true), new("vault_id", "Vault Identifier", false)]),
        ("VMware vCenter", "cloud", "vmware", UserPassword),
    ];
}
