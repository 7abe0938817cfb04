namespace AapPacker.Infrastructure;

/// <summary>
/// Invoke-AapPackerProvision's job template names: from the connection the cmdlet would use, including -Uri and the
/// AAP_HOSTNAME/AAP_TOKEN environment when the session has no Connect-Aap.
/// </summary>
public sealed class ProvisionJobTemplateCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionJobTemplateCompleter()
        : base(CompletedKind.JobTemplate, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Invoke-AapPackerProvision's workflow job template names (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionWorkflowJobTemplateCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionWorkflowJobTemplateCompleter()
        : base(CompletedKind.WorkflowJobTemplate, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Invoke-AapPackerProvision's organization names (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionOrganizationCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionOrganizationCompleter()
        : base(CompletedKind.Organization, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Invoke-AapPackerProvision's inventory names for -InventoryId (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionInventoryCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionInventoryCompleter()
        : base(CompletedKind.Inventory, connectsFromEnvironment: true)
    {
    }
}
