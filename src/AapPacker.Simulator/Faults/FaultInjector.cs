namespace AapPacker.Simulator.Faults;

/// <summary>Holds the active fault rules and decides, per request, which one fires.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Random _random;

    public FaultInjector(int seed = 1234) => _random = new Random(seed);

    public void Add(IEnumerable<FaultRule> rules)
    {
        lock (_gate)
        {
            _rules.AddRange(rules);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate)
        {
            return _rules.ToList();
        }
    }

    /// <summary>The rules that fire for this request (a latency rule may combine with one failure rule).</summary>
    public IReadOnlyList<FaultRule> Pick(string method, string path)
    {
        var fired = new List<FaultRule>();
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (!rule.Matches(method, path) || (rule.Count is { } max && rule.Fired >= max))
                {
                    continue;
                }
                if (rule.Rate is { } rate && rate < 1 && _random.NextDouble() >= rate)
                {
                    continue;
                }
                if (rule.Kind != "latency" && fired.Any(f => f.Kind != "latency"))
                {
                    continue;
                }
                rule.Fired++;
                fired.Add(rule);
            }
        }
        return fired;
    }
}
