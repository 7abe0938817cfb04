using System.Text.RegularExpressions;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api.Resources;

/// <summary>What the resource tests read from the simulator's request log.</summary>
internal static class RequestLogQueries
{
    /// <summary>The statuses of the requests of <paramref name="method"/> whose path matches <paramref name="path"/>, in order.</summary>
    public static async Task<List<int>> StatusesAsync(SimulatorFixture fixture, string method, string path)
    {
        var pattern = new Regex(path, RegexOptions.CultureInvariant);
        return (await fixture.Control.GetRequestsAsync())
            .Where(r => r.Method == method && pattern.IsMatch(r.Path))
            .OrderBy(r => r.At)
            .Select(r => r.Status)
            .ToList();
    }
}
