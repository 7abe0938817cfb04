using System;
using System.Globalization;
using AapPacker.Models;

namespace AapPacker.Engine.Api;

/// <summary>
/// Web UI pages for objects, so a build log links straight to the job output. The AAP 2.5+ platform UI lives under
/// <c>/execution/</c>; AWX and the AAP 2.4 controller UI use <c>/#/</c> routes.
/// </summary>
internal static class UiLinks
{
    /// <summary>True when the server is an AAP 2.5+ gateway.</summary>
    public static bool IsGateway(AapConnectionInfo info)
        => info != null && (string.Equals(info.Flavor, "AAP gateway", StringComparison.Ordinal)
            || info.ApiRoot.StartsWith("/api/controller/", StringComparison.Ordinal));

    /// <summary>The output page of a job (<c>job</c>) or workflow job (<c>workflow_job</c>).</summary>
    public static string Job(AapConnectionInfo info, string type, int id)
    {
        var kind = type == "workflow_job" ? "workflow" : "playbook";
        return Page(info, IsGateway(info) ? $"execution/jobs/{kind}/{Id(id)}/output" : $"#/jobs/{kind}/{Id(id)}/output");
    }

    /// <summary>The details page of an inventory.</summary>
    public static string Inventory(AapConnectionInfo info, int id)
        => Page(info, IsGateway(info) ? $"execution/infrastructure/inventories/inventory/{Id(id)}/details" : $"#/inventories/inventory/{Id(id)}/details");

    /// <summary>The details page of a job template or workflow job template.</summary>
    public static string Template(AapConnectionInfo info, bool isWorkflow, int id)
        => Page(info, IsGateway(info)
            ? $"execution/templates/{(isWorkflow ? "workflow-job-template" : "job-template")}/{Id(id)}/details"
            : $"#/templates/{(isWorkflow ? "workflow_job_template" : "job_template")}/{Id(id)}/details");

    private static string Page(AapConnectionInfo info, string relative)
    {
        var root = info?.Uri?.GetLeftPart(UriPartial.Authority) ?? "";
        return root + "/" + relative;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
