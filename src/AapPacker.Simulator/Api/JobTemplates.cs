using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

internal static class JobTemplates
{
    public static void Map(ApiRouter r)
    {
    }
}
