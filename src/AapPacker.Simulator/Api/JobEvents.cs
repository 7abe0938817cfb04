using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

internal static class JobEvents
{
    public static void Map(ApiRouter r)
    {
    }
}
