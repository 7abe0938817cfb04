using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets an AAP job or workflow job by id, with its status and web UI link.</para>
    /// <para type="description">Tries the id as a job, then as a workflow job. A job that does not exist (or that the
    /// user cannot see) is a non-terminating ObjectNotFound error, so a pipeline of ids goes on.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AapJob")]
    [OutputType(typeof(AapJob))]
    public sealed class GetAapJobCommand : AapConnectedCmdlet
    {
        /// <summary>The job id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int Id { get; set; }

        /// <inheritdoc />
        protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            var id = await InvokeOnPipelineThreadAsync(() => Id).ConfigureAwait(false);
            var api = new AapClientApi(ResolveClient());
            try
            {
                QueueObject(await new JobQueries(api).GetAsync(id, null, cancellationToken).ConfigureAwait(false));
            }
            catch (AapProvisioningException e)
            {
                QueueError(LifecycleErrors.ToErrorRecord(e, id));
            }
        }
    }
}
