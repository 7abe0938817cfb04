using System;
using System.Globalization;
using System.Management.Automation;

namespace AapPacker.Commands.Provision;

/// <summary>
/// Refuses a duration outside [<see cref="MinimumSeconds"/>, <see cref="MaximumSeconds"/>] with a message that
/// says what the parameter accepts: zero, negative and absurd values are mistakes, not "no limit".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class ValidateDurationAttribute : ValidateArgumentsAttribute
{
    /// <summary>The shortest duration accepted, in seconds.</summary>
    public double MinimumSeconds { get; set; }

    /// <summary>The longest duration accepted, in seconds.</summary>
    public double MaximumSeconds { get; set; }

    /// <summary>What to do instead, e.g. "Omit -Timeout to wait without a limit."</summary>
    public string Hint { get; set; } = "";

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (!(value is TimeSpan span))
        {
            return; // PowerShell's conversion reports what is not a TimeSpan.
        }

        if (span.TotalSeconds < MinimumSeconds || span.TotalSeconds > MaximumSeconds)
        {
            var message = string.Format(CultureInfo.InvariantCulture, "{0} is outside the accepted range, {1} to {2}.",
                Describe(span), Describe(TimeSpan.FromSeconds(MinimumSeconds)), Describe(TimeSpan.FromSeconds(MaximumSeconds)));
            throw new ValidationMetadataException(Hint.Length == 0 ? message : message + " " + Hint);
        }
    }

    private static string Describe(TimeSpan span)
    {
        if (span.Ticks != 0 && Math.Abs(span.TotalMilliseconds) < 1)
        {
            return span.Ticks.ToString(CultureInfo.InvariantCulture) + " ticks";
        }

        if (Math.Abs(span.TotalSeconds) < 1)
        {
            return span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
        }

        return Math.Abs(span.TotalSeconds) < 120
            ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : span.ToString("c", CultureInfo.InvariantCulture);
    }
}
