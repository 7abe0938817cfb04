using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>The outcome of resolving settings: the options and the warnings to show.</summary>
internal sealed class AapSettingsResolution
{
    /// <summary>Ready-to-use client options.</summary>
    public AapClientOptions Options { get; set; } = new AapClientOptions();
    /// <summary>Warnings (conflicting sources, token beats Basic, TOWER_* deprecated, skip-verify on). No secret values.</summary>
    public IList<string> Warnings { get; } = new List<string>();
    /// <summary>Where each setting came from, e.g. <c>Uri=AAP_HOSTNAME</c>, for -Verbose.</summary>
    public IList<string> Sources { get; } = new List<string>();
}
