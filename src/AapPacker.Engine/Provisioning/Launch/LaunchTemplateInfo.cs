using System;
using System.Collections.Generic;
using System.Text.Json;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>What the launch endpoint says about a job template or workflow job template (aap-api.md §6.1, §6.5).</summary>
internal sealed class LaunchTemplateInfo
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

    /// <summary>What AAP said about the template's launch (<see cref="JobTemplatesResource.GetLaunchInfoAsync"/>).</summary>
    public static LaunchTemplateInfo From(LaunchInfo launch, bool isWorkflow)
    {
        if (launch is null)
        {
            throw new ArgumentNullException(nameof(launch));
        }

        var info = new LaunchTemplateInfo
        {
            IsWorkflow = isWorkflow,
            Id = launch.TemplateId,
            Name = launch.Name,
            SurveyEnabled = launch.SurveyEnabled,
            DefaultInventoryId = launch.DefaultInventoryId,
        };
        foreach (var flag in launch.AskFlags)
        {
            info.AskFlags[flag.Key] = flag.Value;
        }

        foreach (var value in launch.DefaultValues)
        {
            info.DefaultValues[value.Key] = value.Value;
        }

        Add(launch.PasswordsNeeded, info.PasswordsNeeded);
        Add(launch.VariablesNeeded, info.VariablesNeeded);
        Add(launch.NodeTemplatesMissing, info.NodeTemplatesMissing);
        Add(launch.NodePromptsRejected, info.NodePromptsRejected);
        foreach (var credential in launch.DefaultCredentials)
        {
            info.DefaultCredentials.Add(new LaunchCredential(credential.Id, credential.CredentialTypeId, credential.VaultId, credential.Name));
        }

        return info;
    }

    /// <summary>Adds the variables the survey declares (<see cref="JobTemplatesResource.GetSurveyVariablesAsync"/>).</summary>
    public void AddSurveyVariables(IEnumerable<string> variables)
    {
        foreach (var variable in variables ?? Array.Empty<string>())
        {
            SurveyVariables.Add(variable);
        }
    }

    private static void Add<T>(IEnumerable<T> source, IList<T> target)
    {
        foreach (var item in source)
        {
            target.Add(item);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{(IsWorkflow ? "workflow job template" : "job template")} {Id} '{Name}'";
}
