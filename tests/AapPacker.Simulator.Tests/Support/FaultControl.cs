using System.Text;

namespace AapPacker.Simulator.Tests.Support;

/// <summary>Adds fault rules through <c>POST /_sim/faults</c>.</summary>
public static class FaultControl
{
    public static async Task AddFaultAsync(this SimHarness s, string json)
    {
        using var content = new StringContent($"{{\"rules\": [{json}]}}", Encoding.UTF8, "application/json");
        using var response = await s.Http.PostAsync("/_sim/faults", content);
        response.EnsureSuccessStatusCode();
    }
}
