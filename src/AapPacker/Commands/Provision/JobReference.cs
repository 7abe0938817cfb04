using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Provision;

/// <summary>
/// What the job cmdlets' <c>-Job</c> (alias <c>-Id</c>) got: a job object, a job result, or an id (a number, digit
/// text, or any object with an <c>Id</c>). Inventories, hosts and credentials are refused: their Id is no job id.
/// </summary>
internal static class JobReference
{
    /// <summary>The job as given when it is a job object, else read from AAP.</summary>
    public static async Task<AapJob> ResolveAsync(IAapApi api, object? value, CancellationToken cancellationToken)
    {
        var (id, kind, job) = Identify(value);
        return job ?? await new JobQueries(api).GetAsync(id, kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The job's id, its kind (null when only an id was given: AAP is asked for a job, then a workflow job) and the
    /// job object when one was given.
    /// </summary>
    public static (int Id, JobKind? Kind, AapJob? Job) Identify(object? value)
    {
        var unwrapped = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case AapJob job:
                return (job.Id, job.KindOf(), job);
            case AapJobResult result:
                return (result.Id, result.KindOf(), null);
            case object other when other.GetType().Namespace == typeof(AapJob).Namespace:
                // An inventory's, host's, credential's or template's Id is that object's, not a job's: taken as a
                // job id it would read, wait for or stop an unrelated job.
                throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidJob,
                    $"-Job got {Describe(other)} ({other}), not a job; its Id is not a job id.",
                    "Pipe the job: New-AapTempInventory | Add-AapHost ... then Start-AapJobTemplate -Inventory $inventory ... | Wait-AapJob.");
        }

        var candidate = Number(unwrapped) ?? Number(IdProperty(value));
        if (candidate is null)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidJob,
                $"-Job got a {unwrapped?.GetType().Name ?? "null"}, which is not a job.",
                "Pass a job from Start-AapJobTemplate, Start-AapWorkflowJobTemplate or Get-AapJob, or a job id.");
        }

        if (candidate.Value < 1 || candidate.Value > int.MaxValue)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidJob,
                $"-Job got {candidate.Value.ToString(CultureInfo.InvariantCulture)}, which is not a job id: AAP numbers jobs from 1.",
                "Pass the job's id as the AAP web UI shows it, or a job from Start-AapJobTemplate or Get-AapJob.");
        }

        return ((int)candidate.Value, null, null);
    }

    private static string Describe(object model)
    {
        switch (model)
        {
            case AapInventory _:
                return "an inventory";
            case AapHost _:
                return "a host";
            case AapMachineCredential _:
                return "a Machine credential";
            case AapJobTemplate _:
                return "a template";
            default:
                return "an " + model.GetType().Name;
        }
    }

    private static long? Number(object? value)
    {
        switch (value is PSObject wrapped ? wrapped.BaseObject : value)
        {
            case int i:
                return i;
            case long l:
                return l;
            case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    private static object? IdProperty(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var wrapped = value as PSObject ?? PSObject.AsPSObject(value);
        return (wrapped.Properties["Id"] ?? wrapped.Properties["id"])?.Value;
    }
}
