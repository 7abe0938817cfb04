using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Infrastructure;

/// <summary>
/// Base for cmdlets whose work is asynchronous. Each of BeginProcessing, ProcessRecord and EndProcessing runs
/// its async counterpart on the thread pool while the pipeline thread drains a queue of writes (PowerShell
/// only accepts WriteObject, WriteVerbose, ShouldProcess... from the pipeline thread), then takes the result.
/// <c>StopProcessing</c> (Ctrl-C) cancels <see cref="CancellationToken"/>; PowerShellStandard 5.1 has no
/// PipelineStopToken, so the base keeps its own source. No SynchronizationContext is installed: library code
/// awaits with ConfigureAwait(false) and continuations run on the thread pool.
/// </summary>
public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopSource = new CancellationTokenSource();
    private PipelineDispatcher? _dispatcher;
    private int _pipelineThreadId;
    private bool _disposed;

    /// <summary>Cancelled when the pipeline is stopped (Ctrl-C, <c>PowerShell.Stop()</c>).</summary>
    protected CancellationToken CancellationToken => _stopSource.Token;

    /// <summary>The runspace this cmdlet runs in, captured on the pipeline thread (thread-pool threads have none).</summary>
    internal Runspace? CurrentRunspace { get; private set; }

    /// <summary>The object errors are about, for ErrorRecord.TargetObject (e.g. the server URI).</summary>
    internal virtual object? ErrorTarget => null;

    /// <summary>Async BeginProcessing.</summary>
    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Async ProcessRecord.</summary>
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Async EndProcessing.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected sealed override void BeginProcessing()
    {
        CurrentRunspace = Runspace.DefaultRunspace;
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        Run(BeginProcessingAsync);
    }

    /// <inheritdoc />
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

    /// <inheritdoc />
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    /// <inheritdoc />
    protected sealed override void StopProcessing()
    {
        try
        {
            _stopSource.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The cmdlet already finished; nothing left to stop.
        }
    }

    /// <summary>Writes an object to the pipeline (from any thread).</summary>
    protected internal void QueueObject(object? value, bool enumerateCollection = false)
        => Dispatch(() => WriteObject(value, enumerateCollection));

    /// <summary>Writes to the Verbose stream (from any thread).</summary>
    protected internal void QueueVerbose(string message) => Dispatch(() => WriteVerbose(message));

    /// <summary>Writes to the Debug stream (from any thread).</summary>
    protected internal void QueueDebug(string message) => Dispatch(() => WriteDebug(message));

    /// <summary>Writes to the Warning stream (from any thread).</summary>
    protected internal void QueueWarning(string message) => Dispatch(() => WriteWarning(ParameterNames.Render(message, GetType())));

    /// <summary>Writes to the Information stream (from any thread).</summary>
    protected internal void QueueInformation(object messageData, params string[] tags)
        => Dispatch(() => WriteInformation(messageData, tags));

    /// <summary>Writes a progress record (from any thread).</summary>
    protected internal void QueueProgress(ProgressRecord progressRecord) => Dispatch(() => WriteProgress(progressRecord));

    /// <summary>Writes a non-terminating error (from any thread).</summary>
    protected internal void QueueError(ErrorRecord errorRecord) => Dispatch(() => WriteError(ErrorRecordFactory.Word(errorRecord, GetType())));

    /// <summary>Writes a non-terminating error for an exception, mapped like a terminating one would be.</summary>
    protected internal void QueueError(Exception exception, object? target)
        => QueueError(exception is AapProvisioningException provisioning
            ? ErrorRecordFactory.Create(provisioning, target)
            : AapErrorMapper.ToErrorRecord(exception, target));

    /// <summary>
    /// Asks <c>ShouldProcess</c> on the pipeline thread (honouring -WhatIf, -Confirm and $ConfirmPreference)
    /// and returns its answer to the async body.
    /// </summary>
    protected internal Task<bool> ShouldProcessAsync(string target, string action)
        => InvokeOnPipelineThreadAsync(() => ShouldProcess(target, action));

    /// <summary>
    /// Runs <paramref name="function"/> on the pipeline thread and returns its result to the async body: for
    /// anything that touches the session (SessionState, provider paths, the host) and so must not run elsewhere.
    /// </summary>
    protected internal Task<T> InvokeOnPipelineThreadAsync<T>(Func<T> function)
    {
        // RunContinuationsAsynchronously: the body's continuation must not run inline on the pipeline thread,
        // or it would block the drain loop it is waiting on.
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Dispatch(() =>
        {
            try
            {
                answer.TrySetResult(function());
            }
#pragma warning disable CA1031 // Whatever the function throws (PipelineStoppedException...) belongs to the body.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                answer.TrySetException(ex);
            }
        }, onDropped: () => answer.TrySetCanceled());
        return answer.Task;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the pipeline thread: now if we are on it, else queued while a body runs.
    /// A write from another thread when no body runs (a late log line from a background task after the cmdlet
    /// ended) is dropped: PowerShell would reject it, and nobody is listening any more.
    /// </summary>
    private void Dispatch(Action action, Action? onDropped = null)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            action();
            return;
        }

        var current = _dispatcher;
        if (current is null || !current.Post(action))
        {
            onDropped?.Invoke();
        }
    }

    private void Run(Func<CancellationToken, Task> body)
    {
        var queue = new PipelineDispatcher();
        _dispatcher = queue;
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        var token = _stopSource.Token;
        var log = new CmdletAapLog(this);
        using var signals = TerminationSignal.Register(StopProcessing);

        var task = Task.Run(async () =>
        {
            try
            {
                using (CmdletLogScope.Enter(log))
                {
                    await body(token).ConfigureAwait(false);
                }
            }
            finally
            {
                queue.Complete();
            }
        });

        ExceptionDispatchInfo? writeFailure = null;
        while (queue.TryTake(out var action))
        {
            try
            {
                action!();
            }
#pragma warning disable CA1031 // Kept and rethrown once the body has ended; the body is cancelled meanwhile.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                writeFailure ??= ExceptionDispatchInfo.Capture(ex);
                StopProcessing();
            }
        }

        _dispatcher = null;
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (writeFailure is null)
        {
            ThrowFor(ex);
        }
#pragma warning disable CA1031 // The write failure (usually PipelineStoppedException) is what PowerShell must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        writeFailure?.Throw();
    }

    private void ThrowFor(Exception ex)
    {
        switch (ex)
        {
            case PipelineStoppedException _:
                ExceptionDispatchInfo.Capture(ex).Throw();
                break;
            case Exception _ when _stopSource.IsCancellationRequested:
                // Once stopped, whatever the cancelled work threw (OperationCanceledException, or a client error
                // wrapping it) is the stop itself, not an error to report.
                throw new PipelineStoppedException();
            case CmdletTerminatingException terminating:
                ThrowTerminatingError(ErrorRecordFactory.Word(terminating.ErrorRecord, GetType()));
                break;
            default:
                ThrowTerminatingError(ErrorRecordFactory.Word(ex is AapProvisioningException provisioning
                    ? ErrorRecordFactory.Create(provisioning, ErrorTarget)
                    : AapErrorMapper.ToErrorRecord(ex, ErrorTarget), GetType()));
                break;
        }
    }

    /// <summary>Releases the cancellation source.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _stopSource.Dispose();
        }

        _disposed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }
}
