using AapPacker.Engine.Tests.TestSupport;
using AapPacker.Simulator;

namespace AapPacker.Engine.Tests.Resilience;

/// <summary>A gateway simulator whose clock runs 200 times real time, so a hundred whole lifecycles fit in well under a minute.</summary>
public sealed class FastGatewaySimulatorFixture : SimulatorFixture
{
    /// <inheritdoc />
    public override string Layout => "gateway";

    /// <inheritdoc />
    protected override SimulatorOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.TimeScale = 200;
        return options;
    }
}
