namespace AapPacker.Simulator.Tests.Support;

/// <summary>
/// A scenario whose job templates are bound to real playbooks (real-runner mode), written to a temp dir:
/// "Write Marker" writes <c>build_id</c> and the connecting user into <c>marker_path</c> on the target,
/// "Fail" fails its one task, "Slow" runs a long command (to be canceled); "Scripted" has no playbook file and stays simulated.
/// </summary>
public sealed class RealRunnerKit : IDisposable
{
    public RealRunnerKit()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aapsim-kit-").FullName;
        File.WriteAllText(Path.Combine(Directory, "marker.yml"), """
            - name: Mark the image
              hosts: all
              gather_facts: false
              tasks:
                - name: Write the build marker
                  ansible.builtin.copy:
                    dest: "{{ marker_path }}"
                    content: "{{ build_id }} {{ ansible_user | default(lookup('env', 'USER')) }}\n"
                - name: Report
                  ansible.builtin.debug:
                    msg: "marker written for {{ build_id }}"
            """);
        File.WriteAllText(Path.Combine(Directory, "fail.yml"), """
            - name: Break the image
              hosts: all
              gather_facts: false
              tasks:
                - name: Refuse
                  ansible.builtin.fail:
                    msg: "refused on purpose"
            """);
        File.WriteAllText(Path.Combine(Directory, "slow.yml"), """
            - name: Take long
              hosts: all
              gather_facts: false
              tasks:
                - name: Wait a long time
                  ansible.builtin.command: sleep 300
            """);
        ScenarioPath = Path.Combine(Directory, "scenario.json");
        File.WriteAllText(ScenarioPath, """
            {
              "jobTemplates": [
                { "name": "Write Marker", "inventory": null, "playbook": "marker.yml", "playbookFile": "marker.yml",
                  "ask": ["inventory", "credential", "variables", "limit"] },
                { "name": "Fail", "inventory": null, "playbook": "fail.yml", "playbookFile": "fail.yml",
                  "ask": ["inventory", "credential", "variables"] },
                { "name": "Slow", "inventory": null, "playbook": "slow.yml", "playbookFile": "slow.yml",
                  "ask": ["inventory", "credential", "variables"] },
                { "name": "Scripted", "inventory": null, "playbook": "marker.yml", "ask": ["inventory"] }
              ]
            }
            """);
    }

    public string Directory { get; }

    public string ScenarioPath { get; }

    /// <summary>Host variables for a run on the simulator's own machine without SSH.</summary>
    public const string LocalHostVariables = """{"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}""";

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
