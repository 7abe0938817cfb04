using System;
using System.Globalization;
using System.Management.Automation;

namespace AapPacker.Commands.Provision
{
    /// <summary>
    /// Lets a TimeSpan parameter also take a bare number of seconds (<c>-Timeout 600</c>, <c>-Timeout '600'</c>), the way
    /// the original Packer plugin's configs write <c>timeout = 600</c>. PowerShell's own conversion would read 600 as
    /// 600 ticks; text like <c>'00:10:00'</c> and TimeSpan values pass through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecondsOrTimeSpanAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int i:
                    return TimeSpan.FromSeconds(i);
                case long l:
                    return TimeSpan.FromSeconds(l);
                case double d:
                    return TimeSpan.FromSeconds(d);
                case decimal m:
                    return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    return TimeSpan.FromSeconds(seconds);
                default:
                    return inputData;
            }
        }
    }
}
