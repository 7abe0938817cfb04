using System.Collections.Generic;
using System.Linq;

namespace AapPacker.Engine.Provisioning;

/// <summary>What <see cref="LaunchPreflight"/> decided: the fields to send and warnings to show.</summary>
internal sealed class LaunchPlan
{
    /// <summary>Payload keys to send (fields equal to the template's values are left out).</summary>
    public ISet<string> Fields { get; } = new HashSet<string>();

    /// <summary>Things the user should know; not errors.</summary>
    public IList<string> Warnings { get; } = new List<string>();

    /// <summary>
    /// The launch body. <paramref name="credentialIds"/> is the merged list (<see cref="CredentialMerge"/>), sent only
    /// when credentials are part of the plan.
    /// </summary>
    public IDictionary<string, object?> BuildPayload(LaunchRequest request, IReadOnlyList<int>? credentialIds)
    {
        var payload = new Dictionary<string, object?>();
        if (request is null)
        {
            return payload;
        }

        foreach (var key in Fields)
        {
            switch (key)
            {
                case "inventory": payload[key] = request.Inventory; break;
                case "credentials": payload[key] = credentialIds?.ToList() ?? request.Credentials.Select(c => c.Id).ToList(); break;
                case "extra_vars": payload[key] = request.ExtraVars?.Values.ToDictionary(p => p.Key, p => p.Value); break;
                case "limit": payload[key] = request.Limit; break;
                case "job_tags": payload[key] = request.JobTags; break;
                case "skip_tags": payload[key] = request.SkipTags; break;
                case "verbosity": payload[key] = request.Verbosity; break;
                case "diff_mode": payload[key] = request.DiffMode; break;
                case "job_type": payload[key] = request.JobType; break;
                case "execution_environment": payload[key] = request.ExecutionEnvironment; break;
                case "labels": payload[key] = request.Labels?.ToList(); break;
                case "forks": payload[key] = request.Forks; break;
                case "instance_groups": payload[key] = request.InstanceGroups?.ToList(); break;
                case "scm_branch": payload[key] = request.ScmBranch; break;
                case "job_slice_count": payload[key] = request.JobSliceCount; break;
                case "timeout": payload[key] = request.Timeout; break;
            }
        }

        return payload;
    }
}
