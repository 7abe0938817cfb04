using System;
using System.Threading.Tasks;

namespace AapPacker.Engine.Api;

/// <summary>Waiting for concurrent work whose own error is not the one to report.</summary>
internal static class TaskSettling
{
    /// <summary>
    /// Waits for <paramref name="task"/> to end, ignoring how: after another failure, work still in flight ends before
    /// that failure is reported, and its own exception is observed rather than left unobserved.
    /// </summary>
    public static async Task SettleAsync(this Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Observed only: the caller reports another error.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
