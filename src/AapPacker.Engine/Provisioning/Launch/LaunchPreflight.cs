using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Decides, from <c>GET launch/</c> and what the user asks, whether a launch can do what was asked — before
/// anything is created. AAP itself would launch a job template anyway and list unprompted fields in
/// <c>ignored_fields</c> (the job would then run against the template's own inventory and credentials), so every
/// such field is refused here with the template setting to turn on. Also refused: missing required survey
/// variables (AAP requires them even when they have defaults), extra variables neither prompted nor covered by the
/// survey, and launch passwords (nobody can answer a prompt in a Packer build). Workflows: only the fields AAP's
/// workflow launch takes, and never credentials (AAP drops them silently; see <see cref="WorkflowCredentialPolicy"/>).
/// </summary>
internal static class LaunchPreflight
{
    private static readonly string[] MachinePasswords = { "ssh_password", "become_password", "ssh_key_unlock" };

    /// <summary>
    /// Checks. <paramref name="machineCredentialTypeId"/> is the Machine type's id when a Machine credential is part of
    /// the request (its launch passwords are then answered by ours). Throws <see cref="AapProvisioningException"/>
    /// (exit code 4) listing every problem; returns the plan (fields to send, warnings) otherwise.
    /// </summary>
    public static LaunchPlan Check(LaunchTemplateInfo template, LaunchRequest request, int? machineCredentialTypeId)
    {
        if (template is null)
        {
            throw new ArgumentNullException(nameof(template));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var problems = new List<(ProvisioningErrorKind Kind, string? Subject, string Message, string Action)>();
        var plan = new LaunchPlan();
        var kind = template.IsWorkflow ? "workflow job template" : "job template";

        foreach (var field in LaunchField.All)
        {
            if (!IsGiven(field.Key, request, template, out var sameAsTemplate))
            {
                continue;
            }

            if (template.IsWorkflow && !field.AllowedOnWorkflow)
            {
                problems.Add(field.Key == "credentials"
                    ? (WorkflowCredentialPolicy.Kind, (string?)null, WorkflowCredentialPolicy.Message(template.Name), WorkflowCredentialPolicy.Action)
                    : (ProvisioningErrorKind.WorkflowDoesNotTake, Pascal(field.Key),
                        $"AAP does not accept {field.Token} when launching a workflow job template ('{template.Name}').",
                        $"Remove {field.Token}, or set it on the job templates inside the workflow."));
                continue;
            }

            if (sameAsTemplate)
            {
                continue; // AAP counts a value equal to the template's as neither accepted nor ignored.
            }

            if (field.Key == "extra_vars")
            {
                CheckExtraVars(template, request, plan, problems, field);
                continue;
            }

            if (!template.Asks(field.AskFlag))
            {
                problems.Add(NotPrompted(template, field, kind));
                continue;
            }

            plan.Fields.Add(field.Key);
        }

        var given = request.ExtraVars?.Values ?? new Dictionary<string, object?>();
        var missing = template.VariablesNeeded.Where(v => !given.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            problems.Add((ProvisioningErrorKind.SurveyVariablesMissing, null,
                $"The {kind} '{template.Name}' has a survey that requires {Quote(missing)}; AAP refuses the launch without them, even when the survey has a default.",
                $"Pass them in {Fields.ExtraVars}, e.g. {Fields.ExtraVars} @{{ {string.Join("; ", missing.Select(m => m + " = '…'"))} }}."));
        }

        var machineReplaced = machineCredentialTypeId.HasValue && request.Credentials.Any(c => c.CredentialTypeId == machineCredentialTypeId.Value);
        var passwords = template.PasswordsNeeded.Where(p => !(machineReplaced && MachinePasswords.Contains(p))).ToList();
        if (passwords.Count > 0)
        {
            problems.Add((ProvisioningErrorKind.TemplateNeedsLaunchPasswords, null,
                $"The {kind} '{template.Name}' has credentials that ask for {Quote(passwords)} at launch ('Prompt on launch' passwords); an unattended build cannot answer them.",
                $"Store the secret in the credential instead of 'Prompt on launch', or replace the credential with {Fields.Credentials}."));
        }

        if (template.IsWorkflow && template.NodeTemplatesMissing.Count > 0)
        {
            plan.Warnings.Add($"The workflow '{template.Name}' has node(s) {string.Join(", ", template.NodeTemplatesMissing)} whose template no longer exists; they will fail.");
        }

        if (problems.Count > 0)
        {
            var message = problems.Count == 1
                ? problems[0].Message
                : $"The {kind} '{template.Name}' cannot be launched as asked: " + string.Join(" ", problems.Select((p, i) => $"({i + 1}) {p.Message}"));
            var action = string.Join(" ", problems.Select(p => p.Action).Distinct());
            throw problems.Count == 1
                ? AapProvisioningException.Configuration(problems[0].Kind, problems[0].Subject!, message, action)
                : AapProvisioningException.Configuration(ProvisioningErrorKind.LaunchPreflightFailed, message, action);
        }

        return plan;
    }

    private static void CheckExtraVars(LaunchTemplateInfo template, LaunchRequest request, LaunchPlan plan,
        List<(ProvisioningErrorKind Kind, string? Subject, string Message, string Action)> problems, LaunchField field)
    {
        plan.Fields.Add(field.Key);
        if (template.Asks(field.AskFlag))
        {
            return;
        }

        var uncovered = request.ExtraVars!.Values.Keys.Where(k => !template.SurveyVariables.Contains(k)).ToList();
        if (uncovered.Count > 0)
        {
            var kind = template.IsWorkflow ? "workflow job template" : "job template";
            problems.Add((ProvisioningErrorKind.TemplateDoesNotPrompt, "ExtraVars",
                $"The {kind} '{template.Name}' does not prompt for extra variables ({field.AskFlag} is false) and its survey does not declare {Quote(uncovered)}; AAP would ignore them.",
                $"Turn on '{field.Setting}' on the template, add the variables to its survey, or remove them from {Fields.ExtraVars}."));
        }
    }

    private static (ProvisioningErrorKind, string?, string, string) NotPrompted(LaunchTemplateInfo template, LaunchField field, string kind)
    {
        var known = template.AskFlags.ContainsKey(field.AskFlag);
        var message = known
            ? $"The {kind} '{template.Name}' does not prompt for {Noun(field)} on launch ({field.AskFlag} is false), so AAP would ignore {field.Token}" +
              (field.Key == "inventory" ? " and run against the template's own inventory." : field.Key == "credentials" ? " and run with the template's own credentials." : ".")
            : $"This AAP version cannot take {field.Token} at launch (the launch endpoint has no {field.AskFlag}).";
        var action = known
            ? $"Turn on '{field.Setting}' ({field.AskFlag}) on the template in AAP, or remove {field.Token}."
            : $"Remove {field.Token}, or set it on the template itself.";
        return (ProvisioningErrorKind.TemplateDoesNotPrompt, Pascal(field.Key), message, action);
    }

    private static bool IsGiven(string key, LaunchRequest request, LaunchTemplateInfo template, out bool sameAsTemplate)
    {
        sameAsTemplate = false;
        switch (key)
        {
            case "inventory":
                sameAsTemplate = request.Inventory.HasValue && request.Inventory == template.DefaultInventoryId;
                return request.Inventory.HasValue;
            case "credentials":
                if (request.Credentials.Count == 0)
                {
                    return false;
                }

                sameAsTemplate = request.Credentials.All(c => template.DefaultCredentials.Any(d => d.Id == c.Id));
                return true;
            case "extra_vars":
                return request.ExtraVars != null && request.ExtraVars.Count > 0;
            case "labels":
                return request.Labels != null && request.Labels.Count > 0;
            case "instance_groups":
                return request.InstanceGroups != null && request.InstanceGroups.Count > 0;
            case "execution_environment":
                return request.ExecutionEnvironment.HasValue;
        }

        var text = ScalarText(key, request);
        if (text is null)
        {
            return false;
        }

        sameAsTemplate = template.DefaultValues.TryGetValue(key, out var current) && string.Equals(current, text, StringComparison.Ordinal);
        return true;
    }

    /// <summary>The text form of a scalar field as AAP's <c>defaults</c> shows it, or null when not given.</summary>
    internal static string? ScalarText(string key, LaunchRequest request)
    {
        switch (key)
        {
            case "limit": return request.Limit;
            case "job_tags": return request.JobTags;
            case "skip_tags": return request.SkipTags;
            case "job_type": return request.JobType;
            case "scm_branch": return request.ScmBranch;
            case "verbosity": return Int(request.Verbosity);
            case "forks": return Int(request.Forks);
            case "job_slice_count": return Int(request.JobSliceCount);
            case "timeout": return Int(request.Timeout);
            case "diff_mode": return request.DiffMode.HasValue ? (request.DiffMode.Value ? "true" : "false") : null;
            default: return null;
        }
    }

    private static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Noun(LaunchField field) => field.Setting.Substring("Prompt on launch for ".Length).ToLowerInvariant();

    private static string Pascal(string key)
        => string.Concat(key.Split('_').Select(part => part.Length == 0 ? "" : char.ToUpperInvariant(part[0]) + part.Substring(1)));

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
