using AapPacker.Simulator.Runner;

namespace AapPacker.Simulator.Tests;

/// <summary>ansible-playbook's default output → AWX-style events (no ansible needed: recorded output lines).</summary>
public sealed class AnsibleOutputParserTests
{
    private static readonly string[] Output =
    [
        "[WARNING]: provided hosts list is empty",
        "",
        "PLAY [Mark the image] **********************************************************",
        "",
        "TASK [Show] ********************************************************************",
        "ok: [web1] => {",
        "    \"msg\": \"hello\"",
        "}",
        "changed: [web2]",
        "",
        "TASK [Break] *******************************************************************",
        "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"no\"}",
        "fatal: [web2]: UNREACHABLE! => {\"changed\": false, \"unreachable\": true}",
        "skipping: [web3]",
        "",
        "PLAY RECAP *********************************************************************",
        "web1                       : ok=1    changed=0    unreachable=0    failed=1    skipped=0    rescued=0    ignored=0   ",
        "web2                       : ok=1    changed=1    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0   ",
        "",
    ];

    private static (List<RecordedDraft> Events, AnsibleOutputParser Parser) Parse()
    {
        var parser = new AnsibleOutputParser();
        var events = new List<RecordedDraft> { parser.Start() };
        foreach (var line in Output)
        {
            if (parser.Feed(line) is { } e)
            {
                events.Add(e);
            }
        }
        events.Add(parser.Finish()!);
        return (events, parser);
    }

    [Fact]
    public void Each_banner_and_host_line_starts_an_event_in_order()
    {
        var names = Parse().Events.Select(e => e.Event.Event).ToArray();
        Assert.Equal(
            ["playbook_on_start", "verbose", "playbook_on_play_start", "playbook_on_task_start", "runner_on_ok", "runner_on_ok",
             "playbook_on_task_start", "runner_on_failed", "runner_on_unreachable", "runner_on_skipped", "playbook_on_stats"],
            names);
    }

    [Fact]
    public void Lines_are_contiguous_and_cover_every_output_line()
    {
        var events = Parse().Events;
        Assert.Equal(0, events[0].Event.EndLine);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].Event.Counter);
            Assert.Equal(events[i - 1].Event.EndLine, events[i].Event.StartLine);
        }
        Assert.Equal(Output.Length, events[^1].Event.EndLine);
    }

    [Fact]
    public void Blank_lines_belong_to_the_banner_after_them_and_continuation_lines_to_the_host_event_before()
    {
        var events = Parse().Events;
        var task = events.First(e => e.Event.Event == "playbook_on_task_start").Event;
        Assert.StartsWith("\r\nTASK [Show]", task.Stdout, StringComparison.Ordinal);
        var ok = events.First(e => e.Event.Event == "runner_on_ok").Event;
        Assert.Equal("ok: [web1] => {\r\n    \"msg\": \"hello\"\r\n}", ok.Stdout);
        Assert.Equal("web1", ok.HostName);
        Assert.Equal("Show", ok.Task);
        Assert.Equal("Mark the image", ok.Play);
        Assert.False(ok.Changed);
        Assert.True(events.Single(e => e.Event.HostName == "web2" && e.Event.Event == "runner_on_ok").Event.Changed);
    }

    [Fact]
    public void Host_events_point_at_their_task_start()
    {
        var events = Parse().Events;
        var failed = events.Single(e => e.Event.Event == "runner_on_failed");
        var breakTask = events.Single(e => e.Event.Task == "Break" && e.Event.Event == "playbook_on_task_start");
        Assert.Equal(breakTask.Event.Counter, failed.TaskStartCounter);
        Assert.True(failed.Event.Failed);
        Assert.True(events.Single(e => e.Event.Event == "runner_on_unreachable").Event.Failed);
    }

    [Fact]
    public void The_recap_rows_give_each_hosts_counts()
    {
        var recap = Parse().Parser.Recap;
        Assert.Equal([new RecapLine("web1", 1, 0, 0, 1, 0), new RecapLine("web2", 1, 1, 1, 0, 0)], recap);
    }
}
