using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Jobs;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Api;

/// <summary>
/// <c>POST job_templates/&lt;id&gt;/launch/</c>: type errors block; unprompted fields are ignored (listed in
/// <c>ignored_fields</c>, still 201); credentials are replaced per type; required survey answers must be sent;
/// a sliced template with enough hosts answers with a workflow job.
/// </summary>
internal static class JobLaunch
{
    private static readonly HashSet<string> LaunchableKinds = new(StringComparer.Ordinal) { "ssh", "vault", "cloud", "net", "kubernetes" };

    public static ApiResult Launch(ApiRequest req, JobTemplate t)
    {
        var body = req.ReadObject();
        if (!body.ContainsKey("inventory") && body["inventory_id"] is { } legacy)
        {
            body["inventory"] = legacy.DeepClone();
        }
        var store = req.Store;
        var v = new Validation();
        var extraVars = body.ContainsKey("extra_vars") ? LaunchValues.ExtraVars(body["extra_vars"], v) : null;
        var inventory = v.Pk(body, "inventory", id => store.Inventories.ContainsKey(id));
        var credentials = LaunchValues.IdList(body, "credentials", v, id => store.Credentials.ContainsKey(id));
        var jobType = LaunchValues.Choice(body, "job_type", v, "run", "check");
        var verbosityText = LaunchValues.Choice(body, "verbosity", v, "0", "1", "2", "3", "4", "5");
        var forks = LaunchValues.Integer(body, "forks", v);
        var timeout = LaunchValues.Integer(body, "timeout", v);
        var slices = LaunchValues.Integer(body, "job_slice_count", v);
        var diffMode = Validation.Bool(body, "diff_mode", v);
        var limit = v.Text(body, "limit", fallback: null);
        var scmBranch = v.Text(body, "scm_branch", fallback: null);
        var jobTags = v.Text(body, "job_tags", maxLength: 1024, fallback: null);
        var skipTags = v.Text(body, "skip_tags", maxLength: 1024, fallback: null);
        v.Pk(body, "execution_environment", _ => false);
        LaunchValues.IdList(body, "labels", v, _ => false);
        LaunchValues.IdList(body, "instance_groups", v, _ => false);
        v.ThrowIfAny();

        var ignored = new JsonObject();
        bool Accept(string field, string flag, bool provided, bool sameAsTemplate)
        {
            if (!provided || sameAsTemplate)
            {
                return false;
            }
            if (t.Asks(flag))
            {
                return true;
            }
            ignored[field] = body[field]?.DeepClone();
            return false;
        }

        var acceptInventory = Accept("inventory", "inventory", inventory is not null, inventory == t.InventoryId);
        var newCredentials = credentials?.Where(id => !t.CredentialIds.Contains(id)).ToList() ?? [];
        var acceptCredentials = credentials is not null && newCredentials.Count > 0 && t.Asks("credential");
        if (credentials is not null && newCredentials.Count > 0 && !t.Asks("credential"))
        {
            // Only the credentials the template does not already have count as "new" (and so as ignored).
            ignored["credentials"] = Wire.Ints(newCredentials);
        }
        var acceptJobType = Accept("job_type", "job_type", jobType is not null, jobType == t.JobType);
        var acceptVerbosity = Accept("verbosity", "verbosity", verbosityText is not null, verbosityText == t.Verbosity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var acceptForks = Accept("forks", "forks", forks is not null, forks == t.Forks);
        var acceptTimeout = Accept("timeout", "timeout", timeout is not null, timeout == t.Timeout);
        var acceptSlices = Accept("job_slice_count", "job_slice_count", slices is not null, slices == t.JobSliceCount);
        var acceptDiff = Accept("diff_mode", "diff_mode", diffMode is not null, diffMode == t.DiffMode);
        var acceptLimit = Accept("limit", "limit", limit is not null, limit == t.Limit);
        var acceptBranch = Accept("scm_branch", "scm_branch", scmBranch is not null, scmBranch == t.ScmBranch);
        var acceptTags = Accept("job_tags", "tags", jobTags is not null, jobTags == t.JobTags);
        var acceptSkip = Accept("skip_tags", "skip_tags", skipTags is not null, skipTags == t.SkipTags);

        // extra_vars: all accepted when prompted; otherwise survey answers pass, template-equal keys drop, the rest is ignored.
        var templateVars = Variables.ParseOrEmpty(t.ExtraVars);
        var surveyVars = t.Survey.IsActive ? t.Survey.Questions.Select(q => q.Variable).ToHashSet(StringComparer.Ordinal) : [];
        var acceptedVars = new JsonObject();
        var ignoredVars = new JsonObject();
        foreach (var (key, value) in extraVars ?? [])
        {
            if (t.Asks("variables") || surveyVars.Contains(key))
            {
                acceptedVars[key] = value?.DeepClone();
            }
            else if (!(templateVars.TryGetPropertyValue(key, out var same) && JsonNode.DeepEquals(same, value)))
            {
                ignoredVars[key] = value?.DeepClone();
            }
        }
        if (ignoredVars.Count > 0)
        {
            ignored["extra_vars"] = ignoredVars;
        }

        var errors = new Validation();
        if (t.Survey.IsActive)
        {
            foreach (var q in t.Survey.Questions)
            {
                if (!(extraVars ?? []).TryGetPropertyValue(q.Variable, out var answer))
                {
                    if (q.Required)
                    {
                        errors.Add("variables_needed_to_start", $"'{q.Variable}' value missing");
                    }
                }
                else if (LaunchValues.SurveyAnswerProblem(q, answer) is { } problem)
                {
                    errors.Add("variables_needed_to_start", problem);
                }
            }
        }
        var finalInventory = acceptInventory ? inventory : t.InventoryId;
        if (acceptInventory && store.Inventories[inventory!.Value].PendingDeletion)
        {
            errors.Add("inventory", "The provided inventory is being deleted.");
        }
        var finalCredentials = t.CredentialIds.Where(store.Credentials.ContainsKey).ToList();
        if (acceptCredentials)
        {
            finalCredentials = MergeCredentials(store, t, newCredentials, errors);
        }
        if (acceptSlices && slices > 1 && Math.Min(slices.Value, JobFactory.HostsOf(store, finalInventory).Count) <= 1)
        {
            errors.Add("job_slice_count", "Job inventory does not have enough hosts for slicing");
        }
        if (credentials is not null)
        {
            // Checked on the raw field, so it bites even when credentials are not prompted for.
            CheckRemovals(store, t, credentials, errors);
        }
        if (finalInventory is null)
        {
            errors.Add("resources_needed_to_start", "Job Template inventory is missing or undefined.");
        }
        errors.ThrowIfAny();
        var missingPasswords = JobTemplates.PasswordsNeeded(req, finalCredentials)
            .Where(p => body["credential_passwords"]?[p] is null && body[p] is null).ToList();
        if (missingPasswords.Count > 0)
        {
            throw new ApiException(ApiResult.FieldErrors(new Dictionary<string, List<string>> { ["passwords_needed_to_start"] = missingPasswords }));
        }

        // The job's vars: the template's, then survey defaults, then what was accepted at launch.
        var merged = (JsonObject)templateVars.DeepClone();
        foreach (var q in t.Survey.IsActive ? t.Survey.Questions : [])
        {
            if (q.Default is not null && !acceptedVars.ContainsKey(q.Variable))
            {
                merged[q.Variable] = q.Default.DeepClone();
            }
        }
        foreach (var (k, value) in acceptedVars)
        {
            merged[k] = value?.DeepClone();
        }
        var launch = new JobLaunchParams
        {
            InventoryId = finalInventory,
            CredentialIds = finalCredentials,
            ExtraVars = Variables.PythonDumps(merged),
            JobType = acceptJobType ? jobType! : t.JobType,
            Limit = acceptLimit ? limit! : t.Limit,
            Verbosity = acceptVerbosity ? int.Parse(verbosityText!, System.Globalization.CultureInfo.InvariantCulture) : t.Verbosity,
            Forks = acceptForks ? forks!.Value : t.Forks,
            Timeout = acceptTimeout ? timeout!.Value : t.Timeout,
            DiffMode = acceptDiff ? diffMode!.Value : t.DiffMode,
            JobTags = acceptTags ? jobTags! : t.JobTags,
            SkipTags = acceptSkip ? skipTags! : t.SkipTags,
            ScmBranch = acceptBranch ? scmBranch! : t.ScmBranch,
            JobSliceCount = acceptSlices ? slices!.Value : t.JobSliceCount,
            LaunchedByUserId = req.User.Id,
        };
        var hosts = JobFactory.HostsOf(store, finalInventory);
        var effectiveSlices = Math.Min(launch.JobSliceCount, hosts.Count);
        JsonObject response;
        string location;
        int createdId;
        if (effectiveSlices > 1)
        {
            var wf = WorkflowJobs.CreateSliced(store, t, launch, hosts, effectiveSlices, req.Now);
            createdId = wf.Id;
            location = req.Url("workflow_jobs", wf.Id);
            response = new JsonObject { ["workflow_job"] = wf.Id, ["ignored_fields"] = ignored };
            foreach (var (k, value) in WorkflowJobs.ToJson(req, wf))
            {
                response[k] = value?.DeepClone();
            }
        }
        else
        {
            var job = JobFactory.Create(store, t, launch, req.Now, hosts: hosts);
            createdId = job.Id;
            location = req.Url("jobs", job.Id);
            response = new JsonObject { ["job"] = job.Id, ["ignored_fields"] = ignored };
            foreach (var (k, value) in Jobs.ToJson(req, job, detail: true))
            {
                response[k] = value?.DeepClone();
            }
        }
        store.Launches.Add(new LaunchRecord(t.Id, "job", Store.SimStore.Redacted(body), createdId));
        return ApiResult.Created(response, location);
    }

    /// <summary>Credentials are exclusive per type, and per vault id for vault credentials.</summary>
    private static string Key(SimStore store, Credential c)
    {
        var vaultId = VaultId(store, c);
        return vaultId is null ? c.CredentialTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{c.CredentialTypeId}_{vaultId}";
    }

    private static string Display(SimStore store, Credential c)
    {
        var name = store.CredentialTypes[c.CredentialTypeId].Name;
        return VaultId(store, c) is { } vaultId ? $"{name} (id={vaultId})" : name;
    }

    private static string? VaultId(SimStore store, Credential c)
        => store.CredentialTypes[c.CredentialTypeId].Kind == "vault" && c.Inputs["vault_id"] is JsonValue v
           && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 ? v.GetValue<string>() : null;

    /// <summary>Template credentials overlaid by the new prompted ones (one per key; launchable kinds only).</summary>
    private static List<int> MergeCredentials(SimStore store, JobTemplate t, List<int> newIds, Validation errors)
    {
        var given = newIds.Distinct().Select(id => store.Credentials[id]).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in given)
        {
            if (!seen.Add(Key(store, c)))
            {
                errors.Add("credentials", $"Cannot assign multiple {Display(store, c)} credentials.");
            }
            var kind = store.CredentialTypes[c.CredentialTypeId].Kind;
            if (!LaunchableKinds.Contains(kind))
            {
                errors.Add("credentials", $"Cannot assign a Credential of kind `{kind}`");
            }
        }
        var merged = t.CredentialIds.Where(store.Credentials.ContainsKey).Select(id => store.Credentials[id])
            .Where(c => !seen.Contains(Key(store, c))).Select(c => c.Id).ToList();
        merged.AddRange(given.Select(c => c.Id));
        return merged;
    }

    /// <summary>Every template credential must be re-sent or replaced by one with the same key.</summary>
    private static void CheckRemovals(SimStore store, JobTemplate t, List<int> provided, Validation errors)
    {
        var providedKeys = provided.Select(id => Key(store, store.Credentials[id])).ToHashSet(StringComparer.Ordinal);
        var removed = t.CredentialIds.Where(id => store.Credentials.ContainsKey(id) && !provided.Contains(id)).Select(id => store.Credentials[id]).ToList();
        var names = string.Join(", ", removed.Select(c => c.Name));
        foreach (var c in removed.Where(c => !providedKeys.Contains(Key(store, c))))
        {
            errors.Add("credentials",
                $"Removing {Display(store, c)} credential at launch time without replacement is not supported. Provided list lacked credential(s): {names}.");
        }
    }
}
