namespace AapPacker.Simulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_the_documented_options()
    {
        var options = SimulatorCommandLine.Parse(["--port", "8050", "--layout", "awx", "--scenario", "s.json", "--time-scale", "50", "--manual-clock"], out var message, out var help);
        Assert.NotNull(options);
        Assert.Null(message);
        Assert.False(help);
        Assert.Equal(8050, options.Port);
        Assert.Equal("awx", options.Layout);
        Assert.Equal("s.json", options.ScenarioPath);
        Assert.Equal(50, options.TimeScale);
        Assert.True(options.ManualClock);
    }

    [Fact]
    public void Parses_the_real_runner_options()
    {
        var dir = Directory.CreateTempSubdirectory("aapsim-cli-").FullName;
        try
        {
            var options = SimulatorCommandLine.Parse(["--playbook-dir", dir, "--ansible-playbook", "/opt/ansible/bin/ansible-playbook"], out var message, out _);
            Assert.Null(message);
            Assert.Equal(dir, options!.PlaybookDirectory);
            Assert.Equal("/opt/ansible/bin/ansible-playbook", options.AnsiblePlaybookPath);
            Assert.Contains("--playbook-dir", SimulatorCommandLine.Usage, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void A_playbook_dir_that_does_not_exist_gives_a_message_naming_it()
    {
        Assert.Null(SimulatorCommandLine.Parse(["--playbook-dir", "/no/such/playbooks"], out var message, out _));
        Assert.Contains("/no/such/playbooks", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_to_port_8043_and_the_gateway_layout()
    {
        var options = SimulatorCommandLine.Parse([], out _, out _);
        Assert.Equal(8043, options!.Port);
        Assert.Equal("gateway", options.Layout);
    }

    [Fact]
    public void Help_is_recognised()
    {
        Assert.Null(SimulatorCommandLine.Parse(["--help"], out _, out var help));
        Assert.True(help);
        Assert.Contains("--layout", SimulatorCommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--layout", "tower")]
    [InlineData("--port", "eighty")]
    [InlineData("--bogus", "x")]
    public void Bad_options_give_a_message(string option, string value)
    {
        Assert.Null(SimulatorCommandLine.Parse([option, value], out var message, out _));
        Assert.Contains("--help", message, StringComparison.Ordinal);
    }
}
