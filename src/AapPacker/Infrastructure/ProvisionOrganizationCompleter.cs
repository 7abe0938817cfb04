namespace AapPacker.Infrastructure;

/// <summary>Invoke-AapPackerProvision's organization names (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionOrganizationCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionOrganizationCompleter()
        : base(CompletedKind.Organization, connectsFromEnvironment: true)
    {
    }
}
