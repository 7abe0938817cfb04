using System;
using System.Management.Automation;

namespace AapPacker.Infrastructure;

/// <summary>
/// Thrown by an async cmdlet body to end the cmdlet with a prepared <see cref="ErrorRecord"/>; the base class
/// passes the record to <c>ThrowTerminatingError</c> on the pipeline thread.
/// </summary>
#pragma warning disable CA1032 // Only ever built around an ErrorRecord; the standard constructors would make records without one.
#pragma warning disable CA1064 // Internal on purpose: it never leaves the cmdlet (the base class unwraps it).
internal sealed class CmdletTerminatingException : Exception
#pragma warning restore CA1064
#pragma warning restore CA1032
{
    /// <summary>Creates the exception around <paramref name="errorRecord"/>.</summary>
    public CmdletTerminatingException(ErrorRecord errorRecord)
        : base(errorRecord.Exception?.Message, errorRecord.Exception)
    {
        ErrorRecord = errorRecord;
    }

    /// <summary>The record to throw.</summary>
    public ErrorRecord ErrorRecord { get; }
}
