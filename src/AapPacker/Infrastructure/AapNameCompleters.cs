namespace AapPacker.Infrastructure;

/// <summary>Completes job template names: <c>[ArgumentCompleter(typeof(JobTemplateNameCompleter))]</c>.</summary>
public sealed class JobTemplateNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public JobTemplateNameCompleter()
        : base(CompletedKind.JobTemplate, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Completes workflow job template names.</summary>
public sealed class WorkflowJobTemplateNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public WorkflowJobTemplateNameCompleter()
        : base(CompletedKind.WorkflowJobTemplate, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Completes organization names.</summary>
public sealed class OrganizationNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public OrganizationNameCompleter()
        : base(CompletedKind.Organization, connectsFromEnvironment: true)
    {
    }
}

/// <summary>Completes inventory names.</summary>
public sealed class InventoryNameCompleter : AapNameCompleter
{
    /// <summary>From the session's connection, else from the environment, where the cmdlet connects too.</summary>
    public InventoryNameCompleter()
        : base(CompletedKind.Inventory, connectsFromEnvironment: true)
    {
    }
}
