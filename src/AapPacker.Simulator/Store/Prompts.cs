namespace AapPacker.Simulator.Store;

/// <summary>The <c>ask_*_on_launch</c> flags, by their middle part (inventory, credential, variables, ...).</summary>
internal static class Prompts
{
    /// <summary>Launch field → the prompt flag that accepts it, in the order AAP lists them.</summary>
    public static readonly IReadOnlyList<(string Field, string Flag)> JobTemplateFields =
    [
        ("scm_branch", "scm_branch"),
        ("extra_vars", "variables"),
        ("job_tags", "tags"),
        ("diff_mode", "diff_mode"),
        ("skip_tags", "skip_tags"),
        ("job_type", "job_type"),
        ("limit", "limit"),
        ("verbosity", "verbosity"),
        ("inventory", "inventory"),
        ("credentials", "credential"),
        ("execution_environment", "execution_environment"),
        ("labels", "labels"),
        ("forks", "forks"),
        ("job_slice_count", "job_slice_count"),
        ("timeout", "timeout"),
        ("instance_groups", "instance_groups"),
    ];

    public static readonly IReadOnlyList<(string Field, string Flag)> WorkflowFields =
    [
        ("inventory", "inventory"),
        ("limit", "limit"),
        ("scm_branch", "scm_branch"),
        ("extra_vars", "variables"),
        ("labels", "labels"),
        ("skip_tags", "skip_tags"),
        ("job_tags", "tags"),
    ];
}
