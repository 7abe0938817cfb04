using System;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>How a provisioning run ended.</summary>
internal sealed class ProvisioningOutcome
{
    /// <summary>The exit code for Packer.</summary>
    public AapProvisionExitCode ExitCode { get; set; }

    /// <summary>The build id.</summary>
    public string BuildId { get; set; } = "";

    /// <summary>What was created.</summary>
    public AapBuildResources Resources { get; set; } = new AapBuildResources();

    /// <summary>The job's result, when it was followed.</summary>
    public AapJobResult? Result { get; set; }

    /// <summary>What cleanup did.</summary>
    public AapCleanupResult? Cleanup { get; set; }

    /// <summary>The error, when the run failed (its message is safe to print).</summary>
    public Exception? Error { get; set; }

    /// <summary>A stable error id (from <see cref="AapProvisioningException.ErrorId"/> or derived).</summary>
    public string? ErrorId { get; set; }

    /// <summary>What to do about the error.</summary>
    public string? RecommendedAction { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{ExitCode} ({(int)ExitCode}) for build {BuildId}{(Error is null ? "" : ": " + Error.Message)}";
}
