using System;
using System.Collections.Generic;
using System.Threading;

namespace AapPacker.Infrastructure
{
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

        private readonly object gate = new object();
        private readonly Queue<Action> actions = new Queue<Action>();
        private bool completed;

        /// <summary>Queue <paramref name="action"/>; false when the dispatcher has already completed.</summary>
        public bool Post(Action action)
        {
            lock (gate)
            {
                while (actions.Count >= Capacity && !completed)
                {
                    Monitor.Wait(gate);
                }

                if (completed)
                {
                    return false;
                }

                actions.Enqueue(action);
                Monitor.PulseAll(gate);
                return true;
            }
        }

        /// <summary>No more work will come; the drain loop ends once the queue is empty.</summary>
        public void Complete()
        {
            lock (gate)
            {
                completed = true;
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>Blocks until there is work (true) or the dispatcher completed with nothing left (false).</summary>
        public bool TryTake(out Action? action)
        {
            lock (gate)
            {
                while (actions.Count == 0 && !completed)
                {
                    Monitor.Wait(gate);
                }

                if (actions.Count > 0)
                {
                    action = actions.Dequeue();
                    Monitor.PulseAll(gate); // a producer may wait for room
                    return true;
                }

                action = null;
                return false;
            }
        }
    }
}
