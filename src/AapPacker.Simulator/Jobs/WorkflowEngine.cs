using AapPacker.Simulator.Store;

namespace AapPacker.Simulator.Jobs;

/// <summary>Moves the time-driven parts of the store forward before each request (the store lock is held).</summary>
internal static class WorkflowEngine
{
    public static void Advance(SimStore store, DateTimeOffset now)
    {
        store.PurgeDeletedInventories(now);
    }
}
