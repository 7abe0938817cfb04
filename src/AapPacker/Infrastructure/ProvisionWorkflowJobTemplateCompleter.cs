namespace AapPacker.Infrastructure;

/// <summary>Invoke-AapPackerProvision's workflow job template names (see <see cref="ProvisionJobTemplateCompleter"/>).</summary>
public sealed class ProvisionWorkflowJobTemplateCompleter : AapNameCompleter
{
    /// <summary>From the cmdlet's connection.</summary>
    public ProvisionWorkflowJobTemplateCompleter()
        : base(CompletedKind.WorkflowJobTemplate, connectsFromEnvironment: true)
    {
    }
}
