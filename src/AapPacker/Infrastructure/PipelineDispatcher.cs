using System;
using System.Collections.Generic;
using System.Threading;

namespace AapPacker.Infrastructure;

/// <summary>
/// A queue of work for the pipeline thread: the async body posts from any thread, the pipeline thread drains
/// until the body completes. Posting after completion is dropped (a late log line from a cancelled request
/// must not crash anything), which is why this is not a BlockingCollection. The queue is bounded: a body that
/// produces faster than the pipeline writes (a job's output into a slow console) waits, so memory does not grow
/// with the output.
/// </summary>
internal sealed class PipelineDispatcher
{
    /// <summary>Actions queued at most before <see cref="Post"/> waits for the pipeline thread.</summary>
    public const int Capacity = 1024;

    private readonly object _gate = new object();
    private readonly Queue<Action> _actions = new Queue<Action>();
    private bool _completed;

    /// <summary>Queue <paramref name="action"/>; false when the dispatcher has already completed.</summary>
    public bool Post(Action action)
    {
        lock (_gate)
        {
            while (_actions.Count >= Capacity && !_completed)
            {
                Monitor.Wait(_gate);
            }

            if (_completed)
            {
                return false;
            }

            _actions.Enqueue(action);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>No more work will come; the drain loop ends once the queue is empty.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until there is work (true) or the dispatcher completed with nothing left (false).</summary>
    public bool TryTake(out Action? action)
    {
        lock (_gate)
        {
            while (_actions.Count == 0 && !_completed)
            {
                Monitor.Wait(_gate);
            }

            if (_actions.Count > 0)
            {
                action = _actions.Dequeue();
                Monitor.PulseAll(_gate); // a producer may wait for room
                return true;
            }

            action = null;
            return false;
        }
    }
}
