using System;
using System.IO;
using System.Text.Json;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// The build's side of the guardian protocol: an <see cref="IBuildWatcher"/> that starts the guardian beside the
/// preflight (or, at the latest, when the first object is about to be created), says hello when that object is about
/// to be created and writes one line per object the moment it exists. A guardian that cannot be
/// started or has died only loses the kill protection: the build goes on, and <see cref="Failure"/> says why.
/// Thread-safe.
/// </summary>
internal sealed class GuardianChannel : IBuildWatcher, IDisposable
{
    private readonly object _gate = new object();
    private readonly Func<(TextWriter Input, int? ProcessId)> _open;
    private readonly GuardianConnection _connection;
    private TextWriter? _writer;
    private bool _hello;
    private bool _closed;

    /// <summary>Creates a channel; <paramref name="open"/> starts the guardian and returns its input and process id (if a process).</summary>
    public GuardianChannel(Func<(TextWriter Input, int? ProcessId)> open, GuardianConnection connection)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
    }

    /// <inheritdoc />
    public int? ProcessId { get; private set; }

    /// <summary>True once the guardian took the rest of the cleanup over.</summary>
    public bool HandedOff { get; private set; }

    /// <summary>Why the guardian could not be started or told something (no secret in it), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Called with <see cref="Failure"/> the first time something goes wrong.</summary>
    public Action<string>? OnFailure { get; set; }

    /// <summary>Starts the guardian (its process), without telling it anything yet: a guardian whose input closes before
    /// <see cref="Starting"/> exits having done nothing. Then readies the protocol's serializer (its first use costs tens
    /// of milliseconds in a fresh process), so the hello before the build's first create does not pay for it.</summary>
    public void Prepare()
    {
        lock (_gate)
        {
            OpenLocked();
        }

        _ = JsonSerializer.Serialize(new GuardianMessage { Op = GuardianOps.Hello, Connection = new GuardianConnection() }, GuardianJson.Default.GuardianMessage);
    }

    /// <inheritdoc />
    public void Starting(string buildId, string? ledgerPath)
    {
        lock (_gate)
        {
            if (_hello || !OpenLocked())
            {
                return;
            }

            _hello = true;
            WriteLocked(new GuardianMessage { Op = GuardianOps.Hello, BuildId = buildId, LedgerPath = ledgerPath, Connection = _connection });
        }
    }

    /// <summary>Starts the guardian unless it runs, failed to start or was closed; true when it can be written to.</summary>
    private bool OpenLocked()
    {
        if (_writer != null || _closed || Failure != null)
        {
            return _writer != null && !_closed;
        }

        try
        {
            var (input, processId) = _open();
            _writer = input;
            ProcessId = processId;
            return true;
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            Fail("the cleanup guardian could not be started: " + e.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public void Created(BuildLedgerEntry entry)
    {
        if (entry is null)
        {
            return;
        }

        Write(new GuardianMessage { Op = entry.ObjectType, Id = entry.Id, ParentId = entry.ParentId, Name = entry.Name });
    }

    /// <inheritdoc />
    public void Creating(string objectType, string name, int? parentId)
        => Write(new GuardianMessage { Op = GuardianOps.Creating, ObjectType = objectType, Name = name, ParentId = parentId });

    /// <inheritdoc />
    public void Launching(bool workflowTemplate, int templateId, int inventoryId)
        => Write(new GuardianMessage { Op = GuardianOps.Launching, Id = templateId, ParentId = inventoryId, Name = workflowTemplate ? "workflow_job" : "job" });

    /// <inheritdoc />
    public void Launched(AapJob job)
    {
        if (job != null)
        {
            Write(new GuardianMessage { Op = GuardianOps.Job, Id = job.Id, Name = job.Type });
        }
    }

    /// <inheritdoc />
    public bool HandOff()
    {
        lock (_gate)
        {
            if (_writer is null || _closed || !_hello)
            {
                return false;
            }

            // Written and flushed, then input closed: a guardian that read the line owns the rest; one that could not
            // be written to has failed (Fail) and the build waits itself.
            WriteLocked(new GuardianMessage { Op = GuardianOps.HandOff });
            if (_closed)
            {
                return false;
            }

            HandedOff = true;
            CloseLocked();
            return true;
        }
    }

    /// <inheritdoc />
    public void Finished()
    {
        lock (_gate)
        {
            WriteLocked(new GuardianMessage { Op = GuardianOps.Done });
            CloseLocked();
        }
    }

    /// <summary>Closes the guardian's input without "done": the guardian then undoes what it was told about.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            CloseLocked();
        }
    }

    private void Write(GuardianMessage message)
    {
        lock (_gate)
        {
            WriteLocked(message);
        }
    }

    private void WriteLocked(GuardianMessage message)
    {
        if (_writer is null || _closed)
        {
            return;
        }

        try
        {
            // One line, flushed: a line still in our buffer when the process is killed would be lost.
            _writer.Write(JsonSerializer.Serialize(message, GuardianJson.Default.GuardianMessage) + "\n");
            _writer.Flush();
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
        {
            Fail("the cleanup guardian stopped listening: " + e.Message);
            CloseLocked();
        }
    }

    private void CloseLocked()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // Already gone.
        }
    }

    private void Fail(string why)
    {
        if (Failure is null)
        {
            Failure = why;
            OnFailure?.Invoke(why);
        }
    }
}
