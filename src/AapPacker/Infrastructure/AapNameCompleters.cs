namespace AapPacker.Infrastructure
{
    /// <summary>Completes job template names: <c>[ArgumentCompleter(typeof(JobTemplateNameCompleter))]</c>.</summary>
    public sealed class JobTemplateNameCompleter : AapNameCompleter
    {
        /// <summary>From the session's connection.</summary>
        public JobTemplateNameCompleter()
            : base(CompletedKind.JobTemplate, connectsFromEnvironment: false)
        {
        }
    }

    /// <summary>Completes workflow job template names.</summary>
    public sealed class WorkflowJobTemplateNameCompleter : AapNameCompleter
    {
        /// <summary>From the session's connection.</summary>
        public WorkflowJobTemplateNameCompleter()
            : base(CompletedKind.WorkflowJobTemplate, connectsFromEnvironment: false)
        {
        }
    }

    /// <summary>Completes organization names.</summary>
    public sealed class OrganizationNameCompleter : AapNameCompleter
    {
        /// <summary>From the session's connection.</summary>
        public OrganizationNameCompleter()
            : base(CompletedKind.Organization, connectsFromEnvironment: false)
        {
        }
    }

    /// <summary>Completes inventory names.</summary>
    public sealed class InventoryNameCompleter : AapNameCompleter
    {
        /// <summary>From the session's connection.</summary>
        public InventoryNameCompleter()
            : base(CompletedKind.Inventory, connectsFromEnvironment: false)
        {
        }
    }
}
