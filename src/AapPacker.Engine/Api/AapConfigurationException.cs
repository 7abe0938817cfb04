using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>Bad or missing configuration found before anything was sent (exit code 4 in Invoke-AapPackerProvision).</summary>
public sealed class AapConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AapConfigurationException(string message, string? setting = null, string? recommendedAction = null, Exception? inner = null)
        : base(message, inner)
    {
        Setting = setting;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The parameter or environment variable at fault, if one.</summary>
    public string? Setting { get; }

    /// <summary>What the user should do.</summary>
    public string? RecommendedAction { get; }
}
