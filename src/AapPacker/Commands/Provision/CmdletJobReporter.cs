using System;
using System.Globalization;
using System.Management.Automation;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Writes a followed job's output and a provisioning run's lifecycle from the engine (thread-pool threads) to a
/// cmdlet's streams: each output line as an Information record tagged <c>AapPacker</c>, <c>JobOutput</c>,
/// <c>job-&lt;id&gt;</c>, neutralised for CI agents and redacted; a CI group around each job's output; progress
/// while waiting. <see cref="ToHost"/> makes the records display like Write-Host (tag <c>PSHOST</c>), which is
/// what a Packer log needs: Information is silent by default there.
/// </summary>
internal sealed class CmdletJobReporter : IProvisionReporter
{
    private const string PsHostTag = "PSHOST";
    private readonly AsyncPSCmdlet _cmdlet;
    private readonly CiLog _ci;
    private readonly bool _progress;
    private readonly object _gate = new object();
    private int? _groupJob;
    private int? _progressJob;

    public CmdletJobReporter(AsyncPSCmdlet cmdlet, CiLog ci, bool toHost, bool progress)
    {
        _cmdlet = cmdlet;
        _ci = ci;
        ToHost = toHost;
        _progress = progress;
    }

    /// <summary>Records display like Write-Host (still in the Information stream, so 6&gt; captures them).</summary>
    public bool ToHost { get; }

    public void OnOutput(JobOutputLine line)
    {
        lock (_gate)
        {
            var jobTag = "job-" + line.JobId.ToString(CultureInfo.InvariantCulture);
            if (_groupJob != line.JobId)
            {
                CloseGroupLocked();
                var start = _ci.GroupStart("AAP job " + line.JobId.ToString(CultureInfo.InvariantCulture) + " output");
                if (start != null)
                {
                    Write(start, "AapPacker", "JobOutput", jobTag);
                }

                _groupJob = line.JobId;
            }

            Write(CiLog.Neutralize(Redactor.Redact(line.Text)), "AapPacker", "JobOutput", jobTag);
        }
    }

    public void OnStatus(JobStatusUpdate update)
    {
        if (!_progress)
        {
            return;
        }

        var activity = string.Format(CultureInfo.InvariantCulture, "Waiting for AAP {0} {1} '{2}'",
            update.Kind.Noun(), update.JobId, update.Name);
        var status = string.Format(CultureInfo.InvariantCulture, "{0} ({1:0}s)", update.Status, update.Waited.TotalSeconds);
        _progressJob = update.JobId;
        _cmdlet.QueueProgress(new ProgressRecord(ActivityId(update.JobId), activity, status));
    }

    public void Lifecycle(string message)
    {
        lock (_gate)
        {
            CloseGroupLocked();
            Write(Redactor.Redact(ParameterNames.Render(message, _cmdlet.GetType())), "AapPacker", "Lifecycle");
        }
    }

    public void Warning(string message)
    {
        lock (_gate)
        {
            CloseGroupLocked();
        }

        _cmdlet.QueueWarning(Redactor.Redact(message));
    }

    /// <summary>Closes an open CI group and the progress bar.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            CloseGroupLocked();
        }

        if (_progressJob.HasValue)
        {
            _cmdlet.QueueProgress(new ProgressRecord(ActivityId(_progressJob.Value), "Waiting for AAP job", "done") { RecordType = ProgressRecordType.Completed });
            _progressJob = null;
        }
    }

    /// <summary>A CI error annotation (Azure Pipelines / GitHub Actions); nothing elsewhere. Always shown.</summary>
    public void Annotate(string message)
    {
        var line = _ci.Error(Redactor.Redact(ParameterNames.Render(message, _cmdlet.GetType())));
        if (line != null)
        {
            _cmdlet.QueueInformation(new HostInformationMessage { Message = line }, "AapPacker", "CiAnnotation", PsHostTag);
        }
    }

    private void CloseGroupLocked()
    {
        if (_groupJob is null)
        {
            return;
        }

        var end = _ci.GroupEnd();
        if (end != null)
        {
            Write(end, "AapPacker", "JobOutput", "job-" + _groupJob.Value.ToString(CultureInfo.InvariantCulture));
        }

        _groupJob = null;
    }

    private void Write(string text, params string[] tags)
    {
        if (ToHost)
        {
            var all = new string[tags.Length + 1];
            tags.CopyTo(all, 0);
            all[tags.Length] = PsHostTag;
            _cmdlet.QueueInformation(new HostInformationMessage { Message = text }, all);
        }
        else
        {
            _cmdlet.QueueInformation(text, tags);
        }
    }

    private static int ActivityId(int jobId) => (jobId & 0x7FFFFFFF) % 1000000 + 1;
}
