using System;
using System.Collections.Generic;
using System.Text.Json;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>What <c>GET …/launch/</c> says a job template or workflow job template accepts (aap-api.md §6.1, §6.5).</summary>
internal sealed class LaunchInfo
{
    /// <summary>The template id.</summary>
    public int TemplateId { get; set; }

    /// <summary>The template name (empty when AAP did not say).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>ask_*_on_launch</c> flags as given; a flag the server does not send is absent (older AAP).</summary>
    public IDictionary<string, bool> AskFlags { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Launch passwords the template's credentials ask for (<c>ssh_password</c>, <c>vault_password.x</c>, …).</summary>
    public IList<string> PasswordsNeeded { get; } = new List<string>();

    /// <summary>Required survey variables.</summary>
    public IList<string> VariablesNeeded { get; } = new List<string>();

    /// <summary>True when an enabled survey exists.</summary>
    public bool SurveyEnabled { get; set; }

    /// <summary>The template's default credentials.</summary>
    public IList<LaunchDefaultCredential> DefaultCredentials { get; } = new List<LaunchDefaultCredential>();

    /// <summary>The template's default scalar values (limit, job_type, …) as text, keyed by launch field.</summary>
    public IDictionary<string, string> DefaultValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The template's inventory id, if any.</summary>
    public int? DefaultInventoryId { get; set; }

    /// <summary>Workflows: nodes whose template is gone.</summary>
    public IList<int> NodeTemplatesMissing { get; } = new List<int>();

    /// <summary>Workflows: nodes whose prompts their template rejects.</summary>
    public IList<int> NodePromptsRejected { get; } = new List<int>();

    /// <summary>Reads a <c>GET launch/</c> answer.</summary>
    public static LaunchInfo Read(JsonElement launch, bool isWorkflow, int templateId)
    {
        var info = new LaunchInfo { TemplateId = templateId };
        var data = launch.Property(isWorkflow ? "workflow_job_template_data" : "job_template_data");
        if (data != null)
        {
            info.Name = data.Value.String("name") ?? "";
            info.TemplateId = data.Value.Int("id") ?? templateId;
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

        if (launch.Property("defaults") is { ValueKind: JsonValueKind.Object } defaults)
        {
            foreach (var property in defaults.EnumerateObject())
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

            if (defaults.Property("inventory") is { ValueKind: JsonValueKind.Object } inventory)
            {
                info.DefaultInventoryId = inventory.Int("id");
            }

            if (defaults.Property("credentials") is { ValueKind: JsonValueKind.Array } credentials)
            {
                foreach (var item in credentials.EnumerateArray())
                {
                    var id = item.Int("id");
                    var type = item.Int("credential_type");
                    if (id.HasValue && type.HasValue)
                    {
                        info.DefaultCredentials.Add(new LaunchDefaultCredential(id.Value, type.Value, item.String("vault_id"), item.String("name") ?? ""));
                    }
                }
            }
        }

        return info;
    }

    /// <summary>Reads the variable names of a <c>survey_spec/</c> answer.</summary>
    internal static IReadOnlyList<string> ReadSurveyVariables(JsonElement surveySpec)
    {
        var names = new List<string>();
        if (surveySpec.Property("spec") is { ValueKind: JsonValueKind.Array } spec)
        {
            foreach (var item in spec.EnumerateArray())
            {
                var variable = item.String("variable");
                if (!string.IsNullOrEmpty(variable))
                {
                    names.Add(variable!);
                }
            }
        }

        return names;
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
}
