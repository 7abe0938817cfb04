using System.Diagnostics;
using System.Globalization;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// The ansible-playbook command line and environment for a run, the way AWX's runner builds it: inventory and
/// extra vars from files, the Machine credential as <c>--user</c>, <c>--private-key</c> and a secret vars file
/// (never a secret on the command line), the job's limit, verbosity, forks, tags, check and diff options.
/// SSH is set up for throwaway targets: no host key checking, no known_hosts written, only the credential's key
/// offered, no persistent control master outliving the run.
/// </summary>
internal static class AnsibleCommand
{
    public static ProcessStartInfo Build(RunInputs inputs, RunWorkspace workspace, RunnerSettings settings)
    {
        var start = new ProcessStartInfo(settings.AnsiblePlaybook)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Like a project checkout: an ansible.cfg or roles/ beside the playbook are used.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(inputs.PlaybookPath))!,
        };
        var args = start.ArgumentList;
        args.Add("-i");
        args.Add(workspace.InventoryPath);
        args.Add("-e");
        args.Add("@" + workspace.ExtraVarsPath);
        if (workspace.SecretVarsPath is { } secretVars)
        {
            args.Add("-e");
            args.Add("@" + secretVars);
        }
        if (!string.IsNullOrEmpty(inputs.UserName))
        {
            args.Add("--user");
            args.Add(inputs.UserName);
        }
        if (workspace.PrivateKeyPath is { } key)
        {
            args.Add("--private-key");
            args.Add(key);
        }
        if (inputs.Limit.Length > 0)
        {
            args.Add("--limit");
            args.Add(inputs.Limit);
        }
        if (inputs.Forks > 0)
        {
            args.Add("--forks");
            args.Add(inputs.Forks.ToString(CultureInfo.InvariantCulture));
        }
        if (inputs.Tags.Length > 0)
        {
            args.Add("--tags");
            args.Add(inputs.Tags);
        }
        if (inputs.SkipTags.Length > 0)
        {
            args.Add("--skip-tags");
            args.Add(inputs.SkipTags);
        }
        if (inputs.Check)
        {
            args.Add("--check");
        }
        if (inputs.Diff)
        {
            args.Add("--diff");
        }
        if (inputs.Verbosity > 0)
        {
            args.Add("-" + new string('v', Math.Min(5, inputs.Verbosity)));
        }
        args.Add(Path.GetFullPath(inputs.PlaybookPath));

        var env = start.Environment;
        env["ANSIBLE_HOST_KEY_CHECKING"] = "False";
        env["ANSIBLE_SSH_ARGS"] = "-o ControlMaster=no -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o IdentitiesOnly=yes";
        env["ANSIBLE_SSH_CONTROL_PATH_DIR"] = workspace.ControlPathDir;
        env["ANSIBLE_LOCAL_TEMP"] = workspace.LocalTemp;
        env["ANSIBLE_RETRY_FILES_ENABLED"] = "False";
        env["ANSIBLE_NOCOLOR"] = "1";
        env["ANSIBLE_FORCE_COLOR"] = "0";
        env["ANSIBLE_STDOUT_CALLBACK"] = "default";
        env["ANSIBLE_DEPRECATION_WARNINGS"] = "False";
        // Line by line, as it happens (a pipe is block-buffered otherwise).
        env["PYTHONUNBUFFERED"] = "1";
        return start;
    }
}
