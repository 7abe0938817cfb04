using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>
/// The writable fields each create/update/launch view takes, as its OPTIONS lists them under <c>actions.POST</c> /
/// <c>actions.PUT</c> (AWX builds them from the serializers: InventorySerializer, HostSerializer, GroupSerializer,
/// CredentialSerializerCreate, OAuth2TokenSerializer, JobTemplateSerializer, WorkflowJobTemplateSerializer, JobLaunchSerializer, WorkflowJobLaunchSerializer). Keyed by the
/// route pattern relative to the API root.
/// </summary>
internal static class WriteFields
{
    private static readonly FieldSpec Name = FieldSpec.Text("name", "Name", "Name of this object.", required: true);
    private static readonly FieldSpec Description = FieldSpec.Text("description", "Description", "Optional description of this object.", maxLength: null);
    private static readonly FieldSpec Variables = FieldSpec.Json("variables", "Variables", "Variables in JSON or YAML format.");

    private static readonly FieldSpec[] Inventory =
    [
        Name, Description,
        FieldSpec.Id("organization", "Organization", "Organization containing this inventory.", required: true),
        new("kind", "choice", "Kind", "Kind of inventory being represented.")
        {
            Default = "", HasDefault = true,
            Choices = [("", "Hosts have a direct link to this inventory."), ("smart", "Hosts for inventory generated using the host_filter property."), ("constructed", "Parse list of source inventories with the constructed inventory plugin.")],
        },
        new("host_filter", "string", "Host filter", "Filter that will be applied to the hosts of this inventory.") { Default = null, HasDefault = true },
        Variables,
        FieldSpec.Bool("prevent_instance_group_fallback", "Prevent instance group fallback", "If enabled, the inventory prevents adding organization instance groups to the preferred instance groups.", false),
    ];

    private static readonly FieldSpec[] Host =
    [
        Name, Description,
        FieldSpec.Id("inventory", "Inventory", "Inventory this host belongs to.", required: true),
        FieldSpec.Bool("enabled", "Enabled", "Is this host online and available for running jobs?", true),
        FieldSpec.Text("instance_id", "Instance id", "The value used by the remote inventory source to uniquely identify the host", maxLength: 1024),
        Variables,
    ];

    private static readonly FieldSpec[] Group = [Name, Description, FieldSpec.Id("inventory", "Inventory", "Inventory this group belongs to.", required: true), Variables];

    private static readonly FieldSpec[] Credential =
    [
        Name, Description,
        FieldSpec.Id("organization", "Organization", "Inherit permissions from organization roles."),
        FieldSpec.Id("credential_type", "Credential Type", "Specify the type of credential you want to create.", required: true),
        new("inputs", "json", "Inputs", "Enter inputs using either JSON or YAML syntax.") { Default = new JsonObject(), HasDefault = true },
        FieldSpec.Id("user", "User", "Write-only field used to add a user to the owner role.") with { Filterable = false },
        FieldSpec.Id("team", "Team", "Write-only field used to add a team to the owner role.") with { Filterable = false },
    ];

    private static readonly FieldSpec[] Token =
    [
        FieldSpec.Text("description", "Description", "Optional description of this token.", maxLength: 200),
        FieldSpec.Id("application", "Application", "The application this token belongs to (none for a personal token)."),
        new("scope", "string", "Scope", "Allowed scopes, further restricts user's permissions. Must be a simple space-separated string with allowed scopes ['read', 'write'].") { Default = "write", HasDefault = true },
    ];

    private static readonly FieldSpec[] Launch =
    [
        FieldSpec.Json("extra_vars", "Extra vars", "Variables for the launch, merged over the template's."),
        FieldSpec.Id("inventory", "Inventory", "Inventory to run against (when the template prompts for it)."),
        FieldSpec.Text("scm_branch", "Scm branch", "Branch to use in job run.", maxLength: 1024) with { Filterable = false },
        FieldSpec.Text("limit", "Limit", "Host pattern to limit the run to.", maxLength: null) with { Filterable = false },
        FieldSpec.Text("job_tags", "Job tags", "Tags to run.", maxLength: 1024) with { Filterable = false },
        FieldSpec.Text("skip_tags", "Skip tags", "Tags to skip.", maxLength: 1024) with { Filterable = false },
        new("job_type", "choice", "Job type", "Run or check.") { Choices = [("run", "Run"), ("check", "Check")], Filterable = false },
        new("verbosity", "choice", "Verbosity", "Ansible verbosity.")
        {
            Choices = [("0", "0 (Normal)"), ("1", "1 (Verbose)"), ("2", "2 (More Verbose)"), ("3", "3 (Debug)"), ("4", "4 (Connection Debug)"), ("5", "5 (WinRM Debug)")],
            Filterable = false,
        },
        new("diff_mode", "boolean", "Diff mode", "Show the changes made by Ansible tasks.") { Filterable = false },
        new("credentials", "list_of_ids", "Credentials", "Credentials to use instead of the template's, one per type.") { Filterable = false },
        new("credential_passwords", "field", "Credential passwords", "Passwords the credentials ask for at launch.") { Filterable = false },
        new("execution_environment", "id", "Execution environment", "Execution environment to run in.") { Filterable = false },
        new("labels", "list_of_ids", "Labels", "Labels for the job.") { Filterable = false },
        new("forks", "integer", "Forks", "Number of parallel processes.") { Filterable = false },
        new("job_slice_count", "integer", "Job slice count", "Number of slices to split the job into.") { Filterable = false },
        new("timeout", "integer", "Timeout", "Seconds before the task is canceled.") { Filterable = false },
        new("instance_groups", "list_of_ids", "Instance groups", "Instance groups to run on.") { Filterable = false },
    ];

    private static readonly FieldSpec[] WorkflowLaunch =
    [
        FieldSpec.Json("extra_vars", "Extra vars", "Variables for the launch, merged over the template's."),
        FieldSpec.Id("inventory", "Inventory", "Inventory applied to the workflow's jobs (when the template prompts for it)."),
        FieldSpec.Text("limit", "Limit", "Host pattern to limit the run to.", maxLength: null) with { Filterable = false },
        FieldSpec.Text("scm_branch", "Scm branch", "Branch to use in the workflow's jobs.", maxLength: 1024) with { Filterable = false },
        FieldSpec.Text("job_tags", "Job tags", "Tags to run.", maxLength: 1024) with { Filterable = false },
        FieldSpec.Text("skip_tags", "Skip tags", "Tags to skip.", maxLength: 1024) with { Filterable = false },
        new("labels", "list_of_ids", "Labels", "Labels for the workflow job.") { Filterable = false },
    ];

    private static FieldSpec Flag(string name, string label) => FieldSpec.Bool(name, label, "", false);

    private static FieldSpec Choice(string name, string label, string help, JsonNode? @default, params (string? Value, string Label)[] choices)
        => new(name, "choice", label, help) { Default = @default, HasDefault = true, Choices = choices };

    private static readonly (string?, string)[] WebhookChoices = [("", "---------"), ("github", "GitHub"), ("gitlab", "GitLab"), ("bitbucket_dc", "BitBucket DataCenter")];

    /// <summary>JobTemplateSerializer's writable fields (<c>organization</c> and <c>custom_virtualenv</c> are read-only).</summary>
    private static readonly FieldSpec[] JobTemplate =
    [
        Name, Description,
        Choice("job_type", "Job Type", "", "run", ("run", "Run"), ("check", "Check"), ("scan", "Scan")),
        FieldSpec.Id("inventory", "Inventory", ""),
        FieldSpec.Id("project", "Project", ""),
        FieldSpec.Text("playbook", "Playbook", "", maxLength: 1024),
        FieldSpec.Text("scm_branch", "Scm branch", "Branch to use in job run. Project default used if blank. Only allowed if project allow_override field is set to true.", maxLength: 1024),
        new("forks", "integer", "Forks", "") { Default = 0, HasDefault = true },
        FieldSpec.Text("limit", "Limit", "", maxLength: null),
        Choice("verbosity", "Verbosity", "", 0, ("0", "0 (Normal)"), ("1", "1 (Verbose)"), ("2", "2 (More Verbose)"), ("3", "3 (Debug)"), ("4", "4 (Connection Debug)"), ("5", "5 (WinRM Debug)")),
        FieldSpec.Json("extra_vars", "Extra vars", ""),
        FieldSpec.Text("job_tags", "Job tags", "", maxLength: null),
        Flag("force_handlers", "Force handlers"),
        FieldSpec.Text("skip_tags", "Skip tags", "", maxLength: 1024),
        FieldSpec.Text("start_at_task", "Start at task", "", maxLength: 1024),
        new("timeout", "integer", "Timeout", "The amount of time (in seconds) to run before the task is canceled.") { Default = 0, HasDefault = true },
        Flag("use_fact_cache", "Use fact cache"),
        FieldSpec.Text("host_config_key", "Host config key", "", maxLength: 1024),
        Flag("ask_scm_branch_on_launch", "Ask scm branch on launch"),
        Flag("ask_diff_mode_on_launch", "Ask diff mode on launch"),
        Flag("ask_variables_on_launch", "Ask variables on launch"),
        Flag("ask_limit_on_launch", "Ask limit on launch"),
        Flag("ask_tags_on_launch", "Ask tags on launch"),
        Flag("ask_skip_tags_on_launch", "Ask skip tags on launch"),
        Flag("ask_job_type_on_launch", "Ask job type on launch"),
        Flag("ask_verbosity_on_launch", "Ask verbosity on launch"),
        Flag("ask_inventory_on_launch", "Ask inventory on launch"),
        Flag("ask_credential_on_launch", "Ask credential on launch"),
        Flag("ask_execution_environment_on_launch", "Ask execution environment on launch"),
        Flag("ask_labels_on_launch", "Ask labels on launch"),
        Flag("ask_forks_on_launch", "Ask forks on launch"),
        Flag("ask_job_slice_count_on_launch", "Ask job slice count on launch"),
        Flag("ask_timeout_on_launch", "Ask timeout on launch"),
        Flag("ask_instance_groups_on_launch", "Ask instance groups on launch"),
        Flag("survey_enabled", "Survey enabled"),
        Flag("become_enabled", "Become enabled"),
        Flag("diff_mode", "Diff mode"),
        Flag("allow_simultaneous", "Allow simultaneous"),
        new("job_slice_count", "integer", "Job slice count", "The number of jobs to slice into at runtime. Will cause the Job Template to launch a workflow if value is greater than 1.") { Default = 1, HasDefault = true },
        Choice("webhook_service", "Webhook service", "Service that webhook requests will be accepted from", "", WebhookChoices),
        FieldSpec.Id("webhook_credential", "Webhook credential", "Personal Access Token for posting back the status to the service API"),
        Flag("prevent_instance_group_fallback", "Prevent instance group fallback"),
    ];

    /// <summary>WorkflowJobTemplateSerializer's writable fields.</summary>
    private static readonly FieldSpec[] WorkflowTemplate =
    [
        Name, Description,
        FieldSpec.Json("extra_vars", "Extra vars", ""),
        FieldSpec.Id("organization", "Organization", "The organization used to determine access to this template."),
        Flag("survey_enabled", "Survey enabled"),
        Flag("allow_simultaneous", "Allow simultaneous"),
        Flag("ask_variables_on_launch", "Ask variables on launch"),
        FieldSpec.Id("inventory", "Inventory", "Inventory applied as a prompt, assuming job template prompts for inventory"),
        FieldSpec.Text("limit", "Limit", "", maxLength: null, @default: null),
        FieldSpec.Text("scm_branch", "Scm branch", "", maxLength: null, @default: null),
        Flag("ask_inventory_on_launch", "Ask inventory on launch"),
        Flag("ask_scm_branch_on_launch", "Ask scm branch on launch"),
        Flag("ask_limit_on_launch", "Ask limit on launch"),
        Choice("webhook_service", "Webhook service", "Service that webhook requests will be accepted from", "", WebhookChoices),
        FieldSpec.Id("webhook_credential", "Webhook credential", "Personal Access Token for posting back the status to the service API"),
        Flag("ask_labels_on_launch", "Ask labels on launch"),
        Flag("ask_skip_tags_on_launch", "Ask skip tags on launch"),
        Flag("ask_tags_on_launch", "Ask tags on launch"),
        FieldSpec.Text("skip_tags", "Skip tags", "", maxLength: null, @default: null),
        FieldSpec.Text("job_tags", "Job tags", "", maxLength: null, @default: null),
    ];

    /// <summary>The fields of a write method of a route, or null when the view takes no body we describe.</summary>
    public static IReadOnlyList<FieldSpec>? For(string relativePattern, string method) => (relativePattern, method) switch
    {
        ("inventories/", "POST") or ("inventories/{id}/", "PUT") => Inventory,
        ("hosts/", "POST") or ("hosts/{id}/", "PUT") or ("inventories/{id}/hosts/", "POST") or ("groups/{id}/hosts/", "POST") => Host,
        ("groups/", "POST") or ("groups/{id}/", "PUT") or ("inventories/{id}/groups/", "POST") => Group,
        ("credentials/", "POST") or ("credentials/{id}/", "PUT") or ("organizations/{id}/credentials/", "POST") => Credential,
        ("tokens/", "POST") or ("/api/gateway/v1/tokens/", "POST") => Token,
        ("job_templates/{id}/", "PUT") => JobTemplate,
        ("workflow_job_templates/{id}/", "PUT") => WorkflowTemplate,
        ("job_templates/{id}/launch/", "POST") => Launch,
        ("workflow_job_templates/{id}/launch/", "POST") => WorkflowLaunch,
        _ => null,
    };
}
