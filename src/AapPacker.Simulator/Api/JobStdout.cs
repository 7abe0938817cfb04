using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

internal static class JobStdout
{
    public static void Map(ApiRouter r)
    {
    }
}
