using System;
using System.Collections.Generic;

namespace AapPacker.Engine.Api;

/// <summary>What kind of failure an <see cref="AapApiException"/> is; cmdlets map it to ErrorCategory and exit codes.</summary>
public enum AapErrorKind
{
    /// <summary>The server could not be reached (DNS, refused, reset, timeout after retries).</summary>
    Unreachable,
    /// <summary>TLS handshake or certificate validation failed.</summary>
    Tls,
    /// <summary>401: missing, invalid or expired credentials.</summary>
    Unauthorized,
    /// <summary>403: authenticated but not allowed (RBAC, read-scope token, still processing events).</summary>
    Forbidden,
    /// <summary>404: the object or path does not exist.</summary>
    NotFound,
    /// <summary>400: AAP refused the request body or query.</summary>
    Validation,
    /// <summary>409: the object is in use (active jobs).</summary>
    Conflict,
    /// <summary>405: method not allowed (e.g. cancelling a finished job).</summary>
    MethodNotAllowed,
    /// <summary>5xx or a non-JSON answer from a proxy, after retries.</summary>
    Server,
    /// <summary>The request was refused by the client before sending (e.g. credentials over plain http).</summary>
    Refused,
    /// <summary>An answer the client could not understand.</summary>
    Protocol,
}
