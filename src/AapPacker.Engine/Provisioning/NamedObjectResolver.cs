using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning
{
    /// <summary>
    /// Turns "name or id" into an id for organizations, templates, labels, execution environments and instance groups.
    /// A number is an id (checked to exist); anything else is an exact name (exactly one match, else a clear error).
    /// </summary>
    public sealed class NamedObjectResolver
    {
        private readonly IAapApi _api;

        /// <summary>Creates a resolver.</summary>
        public NamedObjectResolver(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

        /// <summary>Resolves an organization (controller ids: on AAP 2.5+ gateway org ids differ).</summary>
        public Task<ResolvedObject> OrganizationAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("organizations/", "organization", "-Organization", nameOrId, cancellationToken);

        /// <summary>Resolves a job template.</summary>
        public Task<ResolvedObject> JobTemplateAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("job_templates/", "job template", "-JobTemplate", nameOrId, cancellationToken);

        /// <summary>Resolves a workflow job template.</summary>
        public Task<ResolvedObject> WorkflowJobTemplateAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("workflow_job_templates/", "workflow job template", "-WorkflowJobTemplate", nameOrId, cancellationToken);

        /// <summary>Resolves an inventory.</summary>
        public Task<ResolvedObject> InventoryAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("inventories/", "inventory", "-Inventory", nameOrId, cancellationToken);

        /// <summary>Resolves a credential.</summary>
        public Task<ResolvedObject> CredentialAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("credentials/", "credential", "-AapCredential", nameOrId, cancellationToken);

        /// <summary>Resolves a label.</summary>
        public Task<ResolvedObject> LabelAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("labels/", "label", "-Label", nameOrId, cancellationToken);

        /// <summary>Resolves an execution environment.</summary>
        public Task<ResolvedObject> ExecutionEnvironmentAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("execution_environments/", "execution environment", "-ExecutionEnvironment", nameOrId, cancellationToken);

        /// <summary>Resolves an instance group.</summary>
        public Task<ResolvedObject> InstanceGroupAsync(string nameOrId, CancellationToken cancellationToken)
            => ResolveAsync("instance_groups/", "instance group", "-InstanceGroup", nameOrId, cancellationToken);

        /// <summary>The generic lookup.</summary>
        public async Task<ResolvedObject> ResolveAsync(string endpoint, string noun, string parameter, string nameOrId, CancellationToken cancellationToken)
        {
            var value = (nameOrId ?? "").Trim();
            if (value.Length == 0)
            {
                throw AapProvisioningException.Configuration("Missing" + Pascal(noun), $"No {noun} was given.", $"Pass {parameter} with a name or id.");
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                try
                {
                    var item = await _api.GetAsync(endpoint + value + "/", cancellationToken).ConfigureAwait(false);
                    return new ResolvedObject(id, item.String("name") ?? value, item.Clone());
                }
                catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
                {
                    throw AapProvisioningException.Configuration(Pascal(noun) + "NotFound",
                        $"There is no {noun} with id {value} (or you cannot see it).", $"Check {parameter}; list them in AAP or pass the name.", e);
                }
            }

            var matches = new List<JsonElement>();
            await foreach (var item in _api.ListAsync(endpoint + "?name=" + Uri.EscapeDataString(value), cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(item.String("name"), value, StringComparison.Ordinal))
                {
                    matches.Add(item.Clone());
                }
            }

            if (matches.Count == 0)
            {
                throw AapProvisioningException.Configuration(Pascal(noun) + "NotFound",
                    $"There is no {noun} named '{value}' (or you cannot see it).", $"Check {parameter} (names are case-sensitive), or pass the id.");
            }

            if (matches.Count > 1)
            {
                var ids = string.Join(", ", matches.ConvertAll(m => (m.Int("id") ?? 0).ToString(CultureInfo.InvariantCulture)));
                throw AapProvisioningException.Configuration("Ambiguous" + Pascal(noun),
                    $"{matches.Count} {noun}s are named '{value}' (ids {ids}).", $"Pass {parameter} with the id instead.");
            }

            return new ResolvedObject(matches[0].Int("id") ?? 0, value, matches[0]);
        }

        private static string Pascal(string noun)
        {
            var parts = noun.Split(' ');
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = parts[i].Length == 0 ? "" : char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
            }

            return string.Concat(parts);
        }
    }

    /// <summary>A resolved object: id, name and its JSON.</summary>
    public sealed class ResolvedObject
    {
        internal ResolvedObject(int id, string name, JsonElement json)
        {
            Id = id;
            Name = name;
            Json = json;
        }

        /// <summary>The id.</summary>
        public int Id { get; }

        /// <summary>The name.</summary>
        public string Name { get; }

        /// <summary>The object as AAP returned it.</summary>
        public JsonElement Json { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Id} '{Name}'";
    }
}
