using System;
using System.Collections.Generic;
using System.Text.Json;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning;

/// <summary>What <c>GET …/launch/</c> says about a job template or workflow job template (aap-api.md §6.1, §6.5).</summary>
public sealed class LaunchTemplateInfo
{
    /// <summary>True for a workflow job template.</summary>
    public bool IsWorkflow { get; set; }

    /// <summary>The template id.</summary>
    public int Id { get; set; }

    /// <summary>The template name.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>ask_*_on_launch</c> flags as given; a flag the server does not send is absent (older AAP).</summary>
    public IDictionary<string, bool> AskFlags { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Launch passwords the template's credentials ask for (<c>ssh_password</c>, <c>vault_password.x</c>, …).</summary>
    public IList<string> PasswordsNeeded { get; } = new List<string>();

    /// <summary>Required survey variables.</summary>
    public IList<string> VariablesNeeded { get; } = new List<string>();

    /// <summary>True when an enabled survey exists.</summary>
    public bool SurveyEnabled { get; set; }

    /// <summary>Every variable the survey declares (from <c>survey_spec/</c>; empty when unknown).</summary>
    public ISet<string> SurveyVariables { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The template's default credentials (absent in AAP's answer = none).</summary>
    public IList<LaunchCredential> DefaultCredentials { get; } = new List<LaunchCredential>();

    /// <summary>The template's default scalar values (limit, job_type, …) as text, for "same as the template" checks.</summary>
    public IDictionary<string, string> DefaultValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The template's inventory id, if any.</summary>
    public int? DefaultInventoryId { get; set; }

    /// <summary>Workflows: nodes whose template is gone.</summary>
    public IList<int> NodeTemplatesMissing { get; } = new List<int>();

    /// <summary>Workflows: nodes whose prompts their template rejects.</summary>
    public IList<int> NodePromptsRejected { get; } = new List<int>();

    /// <summary>True when the flag is present and true.</summary>
    public bool Asks(string askFlag) => AskFlags.TryGetValue(askFlag, out var value) && value;

    /// <summary>Parses the <c>GET launch/</c> answer.</summary>
    public static LaunchTemplateInfo Parse(JsonElement launch, bool isWorkflow, int templateId)
    {
        var info = new LaunchTemplateInfo { IsWorkflow = isWorkflow, Id = templateId };
        var data = launch.Property(isWorkflow ? "workflow_job_template_data" : "job_template_data");
        if (data != null)
        {
            info.Name = data.Value.String("name") ?? "";
            info.Id = data.Value.Int("id") ?? templateId;
        }

        foreach (var property in launch.EnumerateObject())
        {
            if (property.Name.StartsWith("ask_", StringComparison.Ordinal) && property.Name.EndsWith("_on_launch", StringComparison.Ordinal))
            {
                info.AskFlags[property.Name] = property.Value.ValueKind == JsonValueKind.True;
            }
        }

        AddStrings(launch.Property("passwords_needed_to_start"), info.PasswordsNeeded);
        AddStrings(launch.Property("variables_needed_to_start"), info.VariablesNeeded);
        info.SurveyEnabled = launch.Bool("survey_enabled");
        AddInts(launch.Property("node_templates_missing"), info.NodeTemplatesMissing);
        AddInts(launch.Property("node_prompts_rejected"), info.NodePromptsRejected);

        var defaults = launch.Property("defaults");
        if (defaults != null)
        {
            foreach (var property in defaults.Value.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        info.DefaultValues[property.Name] = property.Value.GetString() ?? "";
                        break;
                    case JsonValueKind.Number:
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        info.DefaultValues[property.Name] = property.Value.GetRawText();
                        break;
                }
            }

            var inventory = defaults.Value.Property("inventory");
            if (inventory is { ValueKind: JsonValueKind.Object } inv)
            {
                info.DefaultInventoryId = inv.Int("id");
            }

            var credentials = defaults.Value.Property("credentials");
            if (credentials is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var id = item.Int("id");
                    var type = item.Int("credential_type");
                    if (id.HasValue && type.HasValue)
                    {
                        info.DefaultCredentials.Add(new LaunchCredential(id.Value, type.Value, item.String("vault_id"), item.String("name") ?? ""));
                    }
                }
            }
        }

        return info;
    }

    private static void AddStrings(JsonElement? array, IList<string> target)
    {
        if (array is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    target.Add(item.GetString() ?? "");
                }
            }
        }
    }

    private static void AddInts(JsonElement? array, IList<int> target)
    {
        if (array is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var id))
                {
                    target.Add(id);
                }
            }
        }
    }

    /// <summary>Reads survey variable names from a <c>survey_spec/</c> answer.</summary>
    public void AddSurveySpec(JsonElement surveySpec)
    {
        var spec = surveySpec.Property("spec");
        if (spec is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                var variable = item.String("variable");
                if (!string.IsNullOrEmpty(variable))
                {
                    SurveyVariables.Add(variable!);
                }
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{(IsWorkflow ? "workflow job template" : "job template")} {Id} '{Name}'";
}
