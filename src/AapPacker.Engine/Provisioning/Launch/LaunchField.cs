using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>A launch field, the template setting that lets it be given at launch, and the parameter that sets it.</summary>
public sealed class LaunchField
{
    private LaunchField(string key, string askFlag, string setting, string parameter, bool workflow)
    {
        Key = key;
        AskFlag = askFlag;
        Setting = setting;
        Parameter = parameter;
        AllowedOnWorkflow = workflow;
    }

    /// <summary>The launch payload key, e.g. <c>inventory</c>.</summary>
    public string Key { get; }

    /// <summary>The <c>GET launch/</c> flag, e.g. <c>ask_inventory_on_launch</c>.</summary>
    public string AskFlag { get; }

    /// <summary>The UI label of the template setting, e.g. <c>Prompt on launch for Inventory</c>.</summary>
    public string Setting { get; }

    /// <summary>The cmdlet parameter that sets it.</summary>
    public string Parameter { get; }

    /// <summary>True when workflow job templates accept it at launch (aap-api.md §6.5).</summary>
    public bool AllowedOnWorkflow { get; }

    /// <summary>Every prompted launch field, in a stable order.</summary>
    public static IReadOnlyList<LaunchField> All { get; } = new[]
    {
        new LaunchField("inventory", "ask_inventory_on_launch", "Prompt on launch for Inventory", "-Inventory", true),
        new LaunchField("credentials", "ask_credential_on_launch", "Prompt on launch for Credentials", "-AapCredential", false),
        new LaunchField("extra_vars", "ask_variables_on_launch", "Prompt on launch for Variables (Extra variables)", "-ExtraVars", true),
        new LaunchField("limit", "ask_limit_on_launch", "Prompt on launch for Limit", "-Limit", true),
        new LaunchField("job_tags", "ask_tags_on_launch", "Prompt on launch for Job tags", "-Tag", true),
        new LaunchField("skip_tags", "ask_skip_tags_on_launch", "Prompt on launch for Skip tags", "-SkipTag", true),
        new LaunchField("verbosity", "ask_verbosity_on_launch", "Prompt on launch for Verbosity", "-Verbosity", false),
        new LaunchField("diff_mode", "ask_diff_mode_on_launch", "Prompt on launch for Show changes", "-DiffMode", false),
        new LaunchField("job_type", "ask_job_type_on_launch", "Prompt on launch for Job type", "-JobType", false),
        new LaunchField("execution_environment", "ask_execution_environment_on_launch", "Prompt on launch for Execution environment", "-ExecutionEnvironment", false),
        new LaunchField("labels", "ask_labels_on_launch", "Prompt on launch for Labels", "-Label", true),
        new LaunchField("forks", "ask_forks_on_launch", "Prompt on launch for Forks", "-Forks", false),
        new LaunchField("instance_groups", "ask_instance_groups_on_launch", "Prompt on launch for Instance groups", "-InstanceGroup", false),
        new LaunchField("scm_branch", "ask_scm_branch_on_launch", "Prompt on launch for Source control branch", "-ScmBranch", true),
        new LaunchField("job_slice_count", "ask_job_slice_count_on_launch", "Prompt on launch for Job slicing", "-JobSliceCount", false),
        new LaunchField("timeout", "ask_timeout_on_launch", "Prompt on launch for Timeout", "-JobTimeout", false),
    };

    /// <summary>Finds a field by payload key.</summary>
    public static LaunchField? ByKey(string key)
    {
        foreach (var field in All)
        {
            if (field.Key == key)
            {
                return field;
            }
        }

        return null;
    }
}
