using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>What <see cref="JobQueries.ListAsync"/> selects.</summary>
internal sealed class JobListFilter
{
    /// <summary>Statuses to keep (AAP's names); empty = any.</summary>
    public IList<string> Statuses { get; } = new List<string>();

    /// <summary>Only jobs of this template; null = any template.</summary>
    public NameOrId? Template { get; set; }

    /// <summary>True when <see cref="Template"/> names a workflow job template.</summary>
    public bool TemplateIsWorkflow { get; set; }

    /// <summary>Only jobs of this build (a build id, or a Packer run UUID); null = any.</summary>
    public string? BuildId { get; set; }

    /// <summary>At most this many jobs (the newest).</summary>
    public int First { get; set; } = 20;
}
