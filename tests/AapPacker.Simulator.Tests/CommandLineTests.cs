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
