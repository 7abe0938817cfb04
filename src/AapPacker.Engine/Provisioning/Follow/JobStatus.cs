namespace AapPacker.Engine.Provisioning;

/// <summary>AAP's job statuses (aap-api.md §7.1).</summary>
internal static class JobStatus
{
    /// <summary>True for <c>successful</c>, <c>failed</c>, <c>error</c>, <c>canceled</c>.</summary>
    public static bool IsTerminal(string? status)
        => status == "successful" || status == "failed" || status == "error" || status == "canceled";

    /// <summary>True for <c>failed</c>, <c>error</c>, <c>canceled</c> (AAP's <c>failed</c> flag is true for all three).</summary>
    public static bool IsFailure(string? status) => status == "failed" || status == "error" || status == "canceled";
}
