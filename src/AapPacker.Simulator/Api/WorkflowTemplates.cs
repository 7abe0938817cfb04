using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

internal static class WorkflowTemplates
{
    public static void Map(ApiRouter r)
    {
    }
}
