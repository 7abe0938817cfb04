using System.Net;
using System.Text.Json.Nodes;
using AapPacker.Simulator.Runner;
using AapPacker.Simulator.Tests.Support;

namespace AapPacker.Simulator.Tests;

/// <summary>
/// Real-runner mode: a job template bound to a playbook file runs ansible-playbook against the hosts and with the
/// Machine credential created through the API, and the API serves that run's events, stdout and status.
/// </summary>
public sealed class RealRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);
    private readonly RealRunnerKit _kit = new();
    private SimHarness _s = null!;

    public async Task InitializeAsync() => _s = await SimHarness.StartAsync("awx", manualClock: true, scenarioPath: _kit.ScenarioPath);

    public async Task DisposeAsync()
    {
        await _s.DisposeAsync();
        _kit.Dispose();
    }

    [RequiresAnsibleFact]
    public async Task A_local_run_changes_the_target_with_the_extra_vars_and_ends_successful()
    {
        var marker = Path.Combine(_kit.Directory, "marker.txt");
        var job = await LaunchLocalAsync("Write Marker", new { build_id = "build-42", marker_path = marker });
        var done = await FinishAsync(job);
        Assert.Equal("successful", done["status"]!.GetValue<string>());
        Assert.False(done["failed"]!.GetValue<bool>());
        Assert.NotNull(done["started"]);
        Assert.NotNull(done["finished"]);
        Assert.True(done["event_processing_finished"]!.GetValue<bool>());
        Assert.StartsWith("build-42 ", File.ReadAllText(marker), StringComparison.Ordinal);
    }

    [RequiresAnsibleFact]
    public async Task The_events_follow_the_real_output_with_contiguous_lines_and_a_recap()
    {
        var job = await LaunchLocalAsync("Write Marker", new { build_id = "b1", marker_path = Path.Combine(_kit.Directory, "m1") });
        await FinishAsync(job);
        var events = (await _s.GetAsync(_s.Api($"jobs/{job}/job_events/?order_by=counter&page_size=200")))["results"].AsArray();
        var names = events.Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Equal("playbook_on_start", names[0]);
        Assert.Contains("playbook_on_play_start", names);
        Assert.Equal(2, names.Count(n => n == "playbook_on_task_start"));
        Assert.Equal(2, names.Count(n => n == "runner_on_ok"));
        Assert.Equal("playbook_on_stats", names[^1]);
        var line = 0;
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i]!["counter"]!.GetValue<int>());
            Assert.Equal(line, events[i]!["start_line"]!.GetValue<int>());
            line = events[i]!["end_line"]!.GetValue<int>();
        }
        var write = events.First(e => e!["event"]!.GetValue<string>() == "runner_on_ok");
        Assert.Equal("target", write!["host_name"]!.GetValue<string>());
        Assert.True(write["changed"]!.GetValue<bool>());
        Assert.Equal("Write the build marker", write["task"]!.GetValue<string>());
        var taskStart = events.First(e => e!["event"]!.GetValue<string>() == "playbook_on_task_start");
        Assert.Equal(taskStart!["uuid"]!.GetValue<string>(), write["parent_uuid"]!.GetValue<string>());

        var text = (await _s.GetAsync(_s.Api($"jobs/{job}/stdout/?format=txt"))).Text;
        Assert.Contains("TASK [Write the build marker]", text, StringComparison.Ordinal);
        Assert.Contains("changed: [target]", text, StringComparison.Ordinal);
        Assert.Contains("PLAY RECAP", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(line, text.Split('\n').Length - 1);

        var summary = (await _s.GetAsync(_s.Api($"jobs/{job}/job_host_summaries/")))["results"][0]!;
        Assert.Equal("target", summary["host_name"]!.GetValue<string>());
        Assert.Equal(2, summary["ok"]!.GetValue<int>());
        Assert.Equal(1, summary["changed"]!.GetValue<int>());
        Assert.Equal(0, summary["failures"]!.GetValue<int>());
    }

    [RequiresAnsibleFact]
    public async Task A_failing_playbook_ends_failed_with_the_failed_host_event_and_its_message()
    {
        var job = await LaunchLocalAsync("Fail", new { });
        var done = await FinishAsync(job);
        Assert.Equal("failed", done["status"]!.GetValue<string>());
        Assert.True(done["failed"]!.GetValue<bool>());
        var events = (await _s.GetAsync(_s.Api($"jobs/{job}/job_events/?event=runner_on_failed")))["results"].AsArray();
        var failed = Assert.Single(events);
        Assert.Contains("refused on purpose", failed!["stdout"]!.GetValue<string>(), StringComparison.Ordinal);
        var summary = (await _s.GetAsync(_s.Api($"jobs/{job}/job_host_summaries/")))["results"][0]!;
        Assert.Equal(1, summary["failures"]!.GetValue<int>());
    }

    [RequiresAnsibleFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Cancel_kills_the_playbook_and_removes_the_private_files()
    {
        var job = await LaunchLocalAsync("Slow", new { }, password: "Pa$$w0rd-never-shown", becomePassword: "b3come-never-shown");
        // The play banner is published when the task banner after it arrives: the task is running then.
        await RunOf(job).WhenEventAsync(e => e.Event == "playbook_on_play_start").WaitAsync(RunLimit);
        var detail = (await _s.GetAsync(_s.Api($"jobs/{job}/"))).Json!;
        Assert.Equal("running", detail["status"]!.GetValue<string>());
        var args = JsonNode.Parse(detail["job_args"]!.GetValue<string>())!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.DoesNotContain(args, a => a.Contains("never-shown", StringComparison.Ordinal));
        var inventory = args[args.IndexOf("-i") + 1];
        var workspace = Path.GetDirectoryName(inventory)!;
        var secretVars = args.Where(a => a.StartsWith('@')).Select(a => a[1..]).Single(p => p.EndsWith("credential_vars.json", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(workspace));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(inventory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretVars));
        var vars = JsonNode.Parse(File.ReadAllText(secretVars))!;
        Assert.Equal("Pa$$w0rd-never-shown", vars["ansible_password"]!.GetValue<string>());
        Assert.Equal("b3come-never-shown", vars["ansible_become_password"]!.GetValue<string>());
        Assert.Equal("sudo", vars["ansible_become_method"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Accepted, (await _s.PostAsync(_s.Api($"jobs/{job}/cancel/"), new { })).Status);
        await RunOf(job).Completion.WaitAsync(RunLimit);
        var done = (await _s.GetAsync(_s.Api($"jobs/{job}/"))).Json!;
        Assert.Equal("canceled", done["status"]!.GetValue<string>());
        Assert.False(Directory.Exists(workspace));
        Assert.DoesNotContain("never-shown", (await _s.GetAsync(_s.Api($"jobs/{job}/stdout/?format=txt"))).Text, StringComparison.Ordinal);
    }

    [RequiresAnsibleFact(Sshd = true)]
    public async Task Over_ssh_the_machine_credentials_key_logs_in_and_the_playbook_changes_the_target()
    {
        await using var sshd = await ThrowawaySshd.StartAsync();
        var (job, marker) = await LaunchOverSshAsync(sshd, sshd.ClientKey, "ssh-build-7");
        var done = await FinishAsync(job);
        Assert.Equal("successful", done["status"]!.GetValue<string>());
        Assert.Equal($"ssh-build-7 {Environment.UserName}\n", File.ReadAllText(marker));
    }

    [RequiresAnsibleFact(Sshd = true)]
    public async Task Over_ssh_a_key_the_target_does_not_know_leaves_the_host_unreachable_and_the_job_failed()
    {
        await using var sshd = await ThrowawaySshd.StartAsync();
        var (job, marker) = await LaunchOverSshAsync(sshd, TestKeys.OpenSshUnencrypted, "x");
        var done = await FinishAsync(job);
        Assert.Equal("failed", done["status"]!.GetValue<string>());
        var events = (await _s.GetAsync(_s.Api($"jobs/{job}/job_events/?event=runner_on_unreachable")))["results"].AsArray();
        Assert.Single(events);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_playbook_file_that_does_not_exist_is_refused_with_the_path_to_fix()
    {
        var path = Path.Combine(_kit.Directory, "broken.json");
        File.WriteAllText(path, """{"jobTemplates": [{"name": "X", "playbookFile": "missing.yml"}]}""");
        var e = Assert.Throws<InvalidDataException>(() => Scenario.ScenarioLoader.Load(path));
        Assert.Contains("'X'", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_kit.Directory, "missing.yml"), e.Message, StringComparison.Ordinal);
    }

    [RequiresAnsibleFact]
    public async Task With_a_playbook_directory_a_default_template_whose_playbook_is_there_runs_it_for_real()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_kit.Directory, "project")).FullName;
        File.Copy(Path.Combine(_kit.Directory, "marker.yml"), Path.Combine(dir, "site.yml"));
        await using var s = await SimHarness.StartAsync("awx", manualClock: true, playbookDirectory: dir);
        var marker = Path.Combine(_kit.Directory, "from-dir.txt");
        var job = await LaunchAsync(s, "Baseline", RealRunnerKit.LocalHostVariables, new { username = Environment.UserName },
            new { build_id = "dir-1", marker_path = marker });
        var done = await FinishAsync(s, job);
        Assert.Equal("successful", done["status"]!.GetValue<string>());
        Assert.StartsWith("dir-1 ", File.ReadAllText(marker), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_without_a_playbook_file_stay_scripted()
    {
        var (job, _) = await _s.LaunchOnTempInventoryAsync("Scripted");
        lock (_s.Sim.State.Sync)
        {
            Assert.Null(_s.Sim.State.Jobs[job].Run);
        }
        await _s.AdvanceAsync(30);
        Assert.Equal("successful", (await _s.GetAsync(_s.Api($"jobs/{job}/"))).Json!["status"]!.GetValue<string>());
    }

    /// <summary>"Write Marker" on the sshd's host as AapPacker registers it, logging in with <paramref name="key"/>.</summary>
    private async Task<(int Job, string Marker)> LaunchOverSshAsync(ThrowawaySshd sshd, string key, string buildId)
    {
        var user = Environment.UserName;
        var marker = Path.Combine(sshd.Directory, "marker.txt");
        var hostVariables = $$"""{"ansible_host": "127.0.0.1", "ansible_port": {{sshd.Port}}, "ansible_user": "{{user}}", "ansible_connection": "ssh"}""";
        var job = await LaunchAsync("Write Marker", hostVariables, new { username = user, ssh_key_data = key }, new { build_id = buildId, marker_path = marker });
        return (job, marker);
    }

    private Task<int> LaunchLocalAsync(string template, object extraVars, string? password = null, string? becomePassword = null)
    {
        var inputs = new JsonObject { ["username"] = Environment.UserName };
        if (password is not null)
        {
            inputs["password"] = password;
        }
        if (becomePassword is not null)
        {
            inputs["become_method"] = "sudo";
            inputs["become_password"] = becomePassword;
        }
        return LaunchAsync(template, RealRunnerKit.LocalHostVariables, inputs, extraVars);
    }

    private Task<int> LaunchAsync(string template, string hostVariables, object credentialInputs, object extraVars)
        => LaunchAsync(_s, template, hostVariables, credentialInputs, extraVars);

    private static async Task<int> LaunchAsync(SimHarness s, string template, string hostVariables, object credentialInputs, object extraVars)
    {
        var inventory = await s.CreateInventoryAsync("packer-" + Guid.NewGuid().ToString("N")[..8]);
        var host = await s.PostAsync(s.Api($"inventories/{inventory}/hosts/"), new { name = "target", variables = hostVariables });
        Assert.Equal(HttpStatusCode.Created, host.Status);
        var credential = await s.PostAsync(s.Api("credentials/"), new
        {
            name = "packer-" + Guid.NewGuid().ToString("N")[..8],
            organization = 1,
            credential_type = await s.MachineTypeIdAsync(),
            inputs = credentialInputs,
        });
        Assert.Equal(HttpStatusCode.Created, credential.Status);
        var launch = await s.LaunchAsync(template, new { inventory, credentials = new[] { credential["id"].GetValue<int>() }, extra_vars = extraVars });
        Assert.Equal(HttpStatusCode.Created, launch.Status);
        return launch["job"].GetValue<int>();
    }

    private PlaybookRun RunOf(int job) => RunOf(_s, job);

    private static PlaybookRun RunOf(SimHarness s, int job)
    {
        lock (s.Sim.State.Sync)
        {
            return s.Sim.State.Jobs[job].Run ?? throw new InvalidOperationException($"Job {job} is not a real run.");
        }
    }

    private Task<JsonNode> FinishAsync(int job) => FinishAsync(_s, job);

    private static async Task<JsonNode> FinishAsync(SimHarness s, int job)
    {
        await RunOf(s, job).Completion.WaitAsync(RunLimit);
        return (await s.GetAsync(s.Api($"jobs/{job}/"))).Json!;
    }
}
