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
