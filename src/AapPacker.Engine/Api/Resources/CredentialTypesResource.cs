using System.Collections.Generic;
using System.Text.Json;
using System.Threading;

namespace AapPacker.Engine.Api.Resources;

/// <summary>AAP's <c>credential_types/</c>.</summary>
internal sealed class CredentialTypesResource : CollectionResource<CredentialTypeRecord>
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public CredentialTypesResource(IAapApi api)
        : base(api, "credential_types/")
    {
    }

    /// <summary>The types of one namespace (<c>ssh</c> is the Machine type's).</summary>
    public IAsyncEnumerable<CredentialTypeRecord> ListByNamespaceAsync(string @namespace, CancellationToken cancellationToken)
        => ListAsync(Collection, new[] { "namespace=" + System.Uri.EscapeDataString(@namespace) }, cancellationToken);

    /// <summary>The managed types of one kind (for AAP versions that do not filter by namespace).</summary>
    public IAsyncEnumerable<CredentialTypeRecord> ListManagedByKindAsync(string kind, CancellationToken cancellationToken)
        => ListAsync(Collection, new[] { "kind=" + System.Uri.EscapeDataString(kind), "managed=true" }, cancellationToken);

    /// <inheritdoc />
    internal override CredentialTypeRecord Map(JsonElement json)
        => new CredentialTypeRecord
        {
            Id = json.Int("id") ?? 0,
            Name = json.String("name") ?? "",
            Kind = json.String("kind"),
            Namespace = json.String("namespace"),
            Managed = json.Bool("managed"),
        };
}

/// <summary>Access to <see cref="CredentialTypesResource"/>.</summary>
internal static class CredentialTypesAccess
{
    /// <summary>AAP's credential types through <paramref name="api"/>.</summary>
    public static CredentialTypesResource CredentialTypes(this IAapApi api) => new CredentialTypesResource(api);
}
