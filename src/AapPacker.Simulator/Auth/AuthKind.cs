namespace AapPacker.Simulator.Auth;

/// <summary>How a request tried to authenticate (for the request log; never the secret itself).</summary>
internal enum AuthKind
{
    None,
    Bearer,
    Basic,
    Session,
    Other,
}
