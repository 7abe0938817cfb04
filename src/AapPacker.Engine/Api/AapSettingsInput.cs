using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>Connection settings given explicitly (cmdlet parameters). Null = not given.</summary>
internal sealed class AapSettingsInput
{
    /// <summary>Server URI.</summary>
    public string? Uri { get; set; }
    /// <summary>Bearer token.</summary>
    public SecureString? Token { get; set; }
    /// <summary>Basic user.</summary>
    public string? UserName { get; set; }
    /// <summary>Basic password.</summary>
    public SecureString? Password { get; set; }
    /// <summary>API prefix override (e.g. <c>/api/controller/</c>).</summary>
    public string? ApiPrefix { get; set; }
    /// <summary>PEM CA bundle path.</summary>
    public string? CertificateAuthorityPath { get; set; }
    /// <summary>Skip certificate validation (null = not given).</summary>
    public bool? SkipCertificateCheck { get; set; }
    /// <summary>Allow credentials over plain http.</summary>
    public bool? AllowUnencryptedAuthentication { get; set; }
    /// <summary>Per-request timeout.</summary>
    public TimeSpan? RequestTimeout { get; set; }
}
