using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>The kinds of AAP object whose names tab completion offers.</summary>
internal enum SuggestedKind
{
    /// <summary>Job templates.</summary>
    JobTemplate,

    /// <summary>Workflow job templates.</summary>
    WorkflowJobTemplate,

    /// <summary>Organizations.</summary>
    Organization,

    /// <summary>Inventories.</summary>
    Inventory,
}
