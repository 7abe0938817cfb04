using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>Every view the simulator serves, for one layout.</summary>
internal static class ApiRoutes
{
    public static ApiRouter Build(Layout layout)
    {
        var r = new ApiRouter(layout.ControllerPrefix);
        Root.Map(r, layout);
        Users.Map(r);
        Organizations.Map(r);
        CredentialTypes.Map(r);
        Inventories.Map(r);
        Hosts.Map(r);
        Groups.Map(r);
        Credentials.Map(r);
        JobTemplates.Map(r);
        JobTemplateWrites.Map(r);
        Jobs.Map(r);
        JobEvents.Map(r);
        JobStdout.Map(r);
        WorkflowTemplates.Map(r);
        WorkflowTemplateWrites.Map(r);
        WorkflowJobs.Map(r);
        UnifiedLists.Map(r);
        Tokens.Map(r, layout);
        return r;
    }
}
