using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AapPacker.Engine.Provisioning;

/// <summary>Which CI system the output goes to.</summary>
internal enum CiSystem
{
    /// <summary>No CI markup.</summary>
    None,

    /// <summary>Azure Pipelines (<c>TF_BUILD=True</c>).</summary>
    AzurePipelines,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    GitHubActions,
}
