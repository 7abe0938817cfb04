using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands.Provision;

/// <summary>
/// The terminating error for a job that did not succeed: one ErrorId per way of ending (<c>JobFailed</c>,
/// <c>JobError</c>, <c>JobCanceled</c>, <c>JobTimedOut</c> — the ids Invoke-AapPackerProvision reports too), the
/// result as TargetObject so <c>$_.TargetObject</c> carries the recap, and the job's URL in the recommended action.
/// </summary>
internal static class JobResultErrors
{
    public const string JobFailed = "JobFailed";
    public const string JobError = "JobError";
    public const string JobCanceled = "JobCanceled";
    public const string JobTimedOut = "JobTimedOut";

    public static string ErrorId(AapJobResult result)
    {
        if (result.TimedOut)
        {
            return JobTimedOut;
        }

        if (result.Status == "canceled")
        {
            return JobCanceled;
        }

        return result.Status == "error" ? JobError : JobFailed;
    }

    public static string Message(AapJobResult result)
    {
        var what = (result.Type == "workflow_job" ? "Workflow job " : "Job ") + result.Id.ToString(CultureInfo.InvariantCulture) + " '" + result.Name + "'";
        if (result.TimedOut)
        {
            return $"{what} did not finish in time (last status {result.Status}).";
        }

        var failedNodes = result.Nodes.Where(n => n.Failed).Select(n => $"'{n.TemplateName}' ({n.Status})").ToList();
        return $"{what} ended {result.Status}"
            + (failedNodes.Count > 0 ? "; failed node(s): " + string.Join(", ", failedNodes) : "")
            + (string.IsNullOrEmpty(result.JobExplanation) ? "." : ": " + result.JobExplanation);
    }

    public static ErrorRecord ToErrorRecord(AapJobResult result)
    {
        var id = ErrorId(result);
        var category = id switch
        {
            JobTimedOut => ErrorCategory.OperationTimeout,
            JobCanceled => ErrorCategory.OperationStopped,
            _ => ErrorCategory.InvalidResult,
        };
        var action = id == JobTimedOut
            ? "Raise -Timeout, or add -CancelOnTimeout to stop the job; see " + result.Url
            : "Read the job output (or open " + result.Url + "). Add -PassThru to get the result without an error.";
        return AapErrorMapper.Create(new InvalidOperationException(Message(result)), id, category, result, action);
    }
}
