using System.Collections.Generic;

namespace AapPacker.Engine.Provisioning;

/// <summary>A launch field, the template setting that lets it be given at launch, and the engine input that sets it.</summary>
internal sealed class LaunchField
{
    private LaunchField(string key, string askFlag, string setting, EngineField field, bool workflow)
    {
        Key = key;
        AskFlag = askFlag;
        Setting = setting;
        Field = field;
        AllowedOnWorkflow = workflow;
    }

    /// <summary>The launch payload key, e.g. <c>inventory</c>.</summary>
    public string Key { get; }

    /// <summary>The <c>GET launch/</c> flag, e.g. <c>ask_inventory_on_launch</c>.</summary>
    public string AskFlag { get; }

    /// <summary>The UI label of the template setting, e.g. <c>Prompt on launch for Inventory</c>.</summary>
    public string Setting { get; }

    /// <summary>The engine input that sets it.</summary>
    public EngineField Field { get; }

    /// <summary>The <see cref="Field"/> as a token for messages (<see cref="Fields"/>).</summary>
    public string Token => "{" + Field + "}";

    /// <summary>True when workflow job templates accept it at launch (aap-api.md §6.5).</summary>
    public bool AllowedOnWorkflow { get; }

    /// <summary>Every prompted launch field, in a stable order.</summary>
    public static IReadOnlyList<LaunchField> All { get; } = new[]
    {
        new LaunchField("inventory", "ask_inventory_on_launch", "Prompt on launch for Inventory", EngineField.Inventory, true),
        new LaunchField("credentials", "ask_credential_on_launch", "Prompt on launch for Credentials", EngineField.Credentials, false),
        new LaunchField("extra_vars", "ask_variables_on_launch", "Prompt on launch for Variables (Extra variables)", EngineField.ExtraVars, true),
        new LaunchField("limit", "ask_limit_on_launch", "Prompt on launch for Limit", EngineField.Limit, true),
        new LaunchField("job_tags", "ask_tags_on_launch", "Prompt on launch for Job tags", EngineField.JobTags, true),
        new LaunchField("skip_tags", "ask_skip_tags_on_launch", "Prompt on launch for Skip tags", EngineField.SkipTags, true),
        new LaunchField("verbosity", "ask_verbosity_on_launch", "Prompt on launch for Verbosity", EngineField.Verbosity, false),
        new LaunchField("diff_mode", "ask_diff_mode_on_launch", "Prompt on launch for Show changes", EngineField.DiffMode, false),
        new LaunchField("job_type", "ask_job_type_on_launch", "Prompt on launch for Job type", EngineField.JobType, false),
        new LaunchField("execution_environment", "ask_execution_environment_on_launch", "Prompt on launch for Execution environment", EngineField.ExecutionEnvironment, false),
        new LaunchField("labels", "ask_labels_on_launch", "Prompt on launch for Labels", EngineField.Labels, true),
        new LaunchField("forks", "ask_forks_on_launch", "Prompt on launch for Forks", EngineField.Forks, false),
        new LaunchField("instance_groups", "ask_instance_groups_on_launch", "Prompt on launch for Instance groups", EngineField.InstanceGroups, false),
        new LaunchField("scm_branch", "ask_scm_branch_on_launch", "Prompt on launch for Source control branch", EngineField.ScmBranch, true),
        new LaunchField("job_slice_count", "ask_job_slice_count_on_launch", "Prompt on launch for Job slicing", EngineField.JobSliceCount, false),
        new LaunchField("timeout", "ask_timeout_on_launch", "Prompt on launch for Timeout", EngineField.JobTimeout, false),
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
