using System.Collections.Concurrent;
using AapPacker.Engine.Provisioning;
using AapPacker.TestSecrets;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>Keeps everything a provisioning run reports; can run an action when a status is first seen (e.g. Ctrl-C while running).</summary>
internal sealed class RecordingReporter : IProvisionReporter
{
    private readonly ConcurrentQueue<string> _all = new();

    public List<JobOutputLine> Output { get; } = [];

    public List<string> Lifecycles { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<JobStatusUpdate> Statuses { get; } = [];

    public Action<JobStatusUpdate>? OnStatusSeen { get; set; }

    public IEnumerable<string> Everything => _all;

    public void OnOutput(JobOutputLine line)
    {
        lock (Output)
        {
            Output.Add(line);
        }

        Keep(line.Text);
    }

    public void OnStatus(JobStatusUpdate update)
    {
        lock (Statuses)
        {
            Statuses.Add(update);
        }

        Keep(update.ToString());
        OnStatusSeen?.Invoke(update);
    }

    public void Lifecycle(string message)
    {
        lock (Lifecycles)
        {
            Lifecycles.Add(message);
        }

        Keep(message);
    }

    public void Warning(string message)
    {
        lock (Warnings)
        {
            Warnings.Add(message);
        }

        Keep(message);
    }

    // Kept for the test run's secret scan as well as for the test's own assertions.
    private void Keep(string text)
    {
        _all.Enqueue(text);
        CapturedOutput.Save("RecordingReporter", text);
    }
}
