namespace AapPacker.Infrastructure;

/// <summary>
/// The stable ErrorIds AapPacker cmdlets use (scripts match on <c>$_.FullyQualifiedErrorId</c>, which starts
/// with one of these). Never rename one: add a new id instead.
/// </summary>
internal static class AapErrorIds
{
    public const string Unauthorized = "AapUnauthorized";
    public const string Forbidden = "AapForbidden";
    public const string NotFound = "AapNotFound";
    public const string Unreachable = "AapUnreachable";
    public const string TlsFailure = "AapTlsFailure";
    public const string ValidationFailed = "AapValidationFailed";
    public const string Conflict = "AapConflict";
    public const string MethodNotAllowed = "AapMethodNotAllowed";
    public const string ServerError = "AapServerError";
    public const string RequestRefused = "AapRequestRefused";
    public const string ProtocolError = "AapProtocolError";
    public const string ConfigurationInvalid = "AapConfigurationInvalid";
    public const string NotConnected = "AapNotConnected";
    public const string ConnectionUnknown = "AapConnectionUnknown";
    public const string OperationTimedOut = "AapOperationTimedOut";
    public const string UnexpectedError = "AapUnexpectedError";
}
