using AapPacker.Simulator.Clock;
using AapPacker.Simulator.Control;
using AapPacker.Simulator.Faults;
using AapPacker.Simulator.Http;
using AapPacker.Simulator.Runner;
using AapPacker.Simulator.Scenario;
using AapPacker.Simulator.Store;

namespace AapPacker.Simulator;

/// <summary>Everything one running simulator shares between requests.</summary>
internal sealed class SimulatorContext
{
    public SimulatorContext(SimulatorOptions options, ScenarioDocument scenario)
    {
        Options = options;
        Layout = Layout.Parse(options.Layout);
        Scenario = scenario;
        if (options.ManualClock)
        {
            var manual = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
            Time = manual;
            Clock = manual;
        }
        else
        {
            var scaled = new ScaledTimeProvider(TimeProvider.System, options.TimeScale);
            Time = scaled;
            Clock = scaled;
        }
        Runner = new PlaybookRunner(new RunnerSettings { AnsiblePlaybook = options.AnsiblePlaybookPath }, Time);
        Store.Runner = Runner;
        Reset();
    }

    public SimulatorOptions Options { get; }
    public Layout Layout { get; }
    public ScenarioDocument Scenario { get; }
    public TimeProvider Time { get; }
    public ISimClock Clock { get; }
    public SimStore Store { get; } = new();
    public FaultInjector Faults { get; } = new();
    public RequestLog Requests { get; } = new();
    public PlaybookRunner Runner { get; }

    /// <summary>Back to the seed: store, faults, request log, launches; real runs still going are killed.</summary>
    public void Reset()
    {
        Runner.StopAllAsync().GetAwaiter().GetResult();
        lock (Store.Sync)
        {
            Store.Clear();
            ScenarioSeeder.Seed(Store, Scenario, Time.GetUtcNow(), Options.PlaybookDirectory);
        }
        Faults.Clear();
        Requests.Clear();
    }
}
