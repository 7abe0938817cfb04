namespace AapPacker.Engine.Api.Resources;

/// <summary>AAP's <c>organizations/</c> (controller ids: on AAP 2.5+ the gateway's organization ids differ).</summary>
internal sealed class OrganizationsResource : NamedObjectsResource
{
    /// <summary>Wraps <paramref name="api"/>.</summary>
    public OrganizationsResource(IAapApi api)
        : base(api, NamedCollection.Organizations)
    {
    }
}

/// <summary>Access to <see cref="OrganizationsResource"/>.</summary>
internal static class OrganizationsAccess
{
    /// <summary>AAP's organizations through <paramref name="api"/>.</summary>
    public static OrganizationsResource Organizations(this IAapApi api) => new OrganizationsResource(api);
}
