using System;
using System.Security.Cryptography;
using System.Text;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning
{
    /// <summary>
    /// Who a build is: its <see cref="BuildId"/> (shared by every source of one Packer run and build block, so one
    /// <c>Remove-AapBuildResources -BuildId</c> sweeps them all) and a random <see cref="InstanceSuffix"/> that keeps
    /// the object names of two sources building in parallel apart.
    /// </summary>
    public sealed class BuildIdentity
    {
        private const string SuffixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

        /// <summary>The longest build id kept; longer ones are shortened (the names must stay ≤ 512 characters).</summary>
        public const int MaxBuildIdLength = 200;

        private BuildIdentity(string buildId, string instanceSuffix)
        {
            BuildId = buildId;
            InstanceSuffix = instanceSuffix;
        }

        /// <summary>The build id (safe characters only).</summary>
        public string BuildId { get; }

        /// <summary>Eight random characters unique to this provisioning run.</summary>
        public string InstanceSuffix { get; }

        /// <summary>
        /// The build id from, in order: an explicit value; the Packer run UUID plus the build name; a random id.
        /// </summary>
        public static BuildIdentity Create(string? explicitBuildId, string? packerRunUuid, string? buildName)
        {
            string raw;
            if (!PackerValue.IsMissing(explicitBuildId))
            {
                raw = explicitBuildId!.Trim();
            }
            else if (!PackerValue.IsMissing(packerRunUuid))
            {
                raw = PackerValue.IsMissing(buildName) ? packerRunUuid!.Trim() : packerRunUuid!.Trim() + "-" + buildName!.Trim();
            }
            else
            {
                raw = "adhoc-" + RandomSuffix(12);
            }

            var sanitized = Sanitize(raw);
            if (sanitized.Length == 0)
            {
                throw AapProvisioningException.Configuration("InvalidBuildId",
                    "The build id has no usable characters (letters, digits, '.', '_', '-').",
                    "Pass -BuildId with letters, digits, '.', '_' or '-'.");
            }

            return new BuildIdentity(sanitized, RandomSuffix(8));
        }

        /// <summary>Keeps letters, digits, '.', '_' and '-'; other runs of characters become one '-'; shortens to <see cref="MaxBuildIdLength"/>.</summary>
        public static string Sanitize(string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (IsSafe(c))
                {
                    builder.Append(c);
                }
                else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
                {
                    builder.Append('-');
                }
            }

            var result = builder.ToString().Trim('-');
            return result.Length > MaxBuildIdLength ? result.Substring(0, MaxBuildIdLength).TrimEnd('-') : result;
        }

        internal static bool IsSafe(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

        /// <summary>Random characters from a cryptographic source (no two parallel builds share one by chance).</summary>
        internal static string RandomSuffix(int length)
        {
            var bytes = new byte[length];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = SuffixAlphabet[bytes[i] % SuffixAlphabet.Length];
            }

            return new string(chars);
        }

        /// <inheritdoc />
        public override string ToString() => $"{BuildId} ({InstanceSuffix})";
    }
}
