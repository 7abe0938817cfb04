namespace AapPacker.Simulator.Auth;

/// <summary>A user of the simulated controller.</summary>
internal sealed class SimUser
{
    public int Id { get; init; }
    public required string Username { get; init; }
    public required string Password { get; init; }
    public bool IsSuperuser { get; init; }
    /// <summary>A system auditor: may read everything, change nothing.</summary>
    public bool IsAuditor { get; init; }
    /// <summary>A normal user without any role: sees nothing, may create nothing.</summary>
    public bool NoRights { get; init; }
    public DateTimeOffset Created { get; init; }
}

/// <summary>A personal access token and its scope (read or write).</summary>
internal sealed record SimToken(string Token, int UserId, string Scope)
{
    public int Id { get; init; }
    public string Description { get; init; } = "";
    public DateTimeOffset Created { get; init; }
    /// <summary>Issued by the platform gateway (<c>/api/gateway/v1/tokens/</c>) rather than the controller.</summary>
    public bool Gateway { get; init; }
}
