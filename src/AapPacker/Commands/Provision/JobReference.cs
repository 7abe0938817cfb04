using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;
using AapPacker.Models;

namespace AapPacker.Commands.Provision
{
    /// <summary>What <c>-Job</c> got: a job object as is, or an id (a number, digit text, or any object with an <c>Id</c>) looked up in AAP.</summary>
    internal static class JobReference
    {
        public static async Task<AapJob> ResolveAsync(IAapApi api, object? value, CancellationToken cancellationToken)
        {
            var unwrapped = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            switch (unwrapped)
            {
                case AapJob job:
                    return job;
                case AapJobResult result:
                    return await new JobQueries(api).GetAsync(result.Id, result.Type, cancellationToken).ConfigureAwait(false);
                case AapInventory _:
                case AapHost _:
                case AapMachineCredential _:
                    // Its Id is that object's, not a job's: taken as a job id it would wait for (or stop) an unrelated job.
                    var kind = unwrapped is AapInventory ? "an inventory" : unwrapped is AapHost ? "a host" : "a Machine credential";
                    throw AapProvisioningException.Configuration("InvalidJob",
                        $"-Job got {kind} ({unwrapped}), not a job; its Id is not a job id.",
                        "Pipe the job: New-AapTempInventory | Add-AapHost ... then Start-AapJobTemplate -Inventory $inventory ... | Wait-AapJob.");
            }

            var id = AsId(unwrapped) ?? AsId(IdProperty(value));
            if (id is null)
            {
                throw AapProvisioningException.Configuration("InvalidJob",
                    $"-Job got a {unwrapped?.GetType().Name ?? "null"}, which is not a job.",
                    "Pass a job from Start-AapJobTemplate, Start-AapWorkflowJobTemplate or Get-AapJob, or a job id.");
            }

            return await new JobQueries(api).GetAsync(id.Value, null, cancellationToken).ConfigureAwait(false);
        }

        private static int? AsId(object? value)
        {
            switch (value is PSObject wrapped ? wrapped.BaseObject : value)
            {
                case int i when i > 0:
                    return i;
                case long l when l > 0 && l <= int.MaxValue:
                    return (int)l;
                case string s when int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
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
}
