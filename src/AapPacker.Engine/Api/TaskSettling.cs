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

    /// <summary>
    /// The result of work started ahead of need, or null when it failed in any way: the caller then does that work the
    /// usual way, and that attempt reports whatever is still wrong.
    /// </summary>
    public static async Task<T?> OrNullOnFailureAsync<T>(this Task<T> task)
        where T : class
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The usual attempt that follows reports the error.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// Awaits <paramref name="task"/>; when it fails, <paramref name="inFlight"/> (work started beside it) ends first,
    /// its own outcome ignored, and then <paramref name="task"/>'s failure is thrown.
    /// </summary>
    public static async Task<T> SettlingOnFailureAsync<T>(this Task<T> task, Task inFlight)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            await inFlight.SettleAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc cref="SettlingOnFailureAsync{T}(Task{T}, Task)"/>
    public static async Task SettlingOnFailureAsync(this Task task, Task inFlight)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            await inFlight.SettleAsync().ConfigureAwait(false);
            throw;
        }
    }
}
