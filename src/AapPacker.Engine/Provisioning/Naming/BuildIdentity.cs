using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AapPacker.Engine.Packer;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Who a build is: its <see cref="BuildId"/> (shared by every source of one Packer run and build block, so one
/// <c>Remove-AapBuildResources -BuildId</c> sweeps them all) and a random <see cref="InstanceSuffix"/> that keeps
/// the object names of two sources building in parallel apart.
/// </summary>
internal sealed class BuildIdentity
{
    private const string SuffixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>The error id of a build id longer than <see cref="MaxBuildIdLength"/>.</summary>
    public const string TooLongErrorId = nameof(ProvisioningErrorKind.BuildIdTooLong);

    /// <summary>
    /// The longest build id a build may have: its object names (<c>packer-&lt;id&gt;-&lt;suffix&gt;-machine</c>, 224
    /// characters at most) stay far within AAP's 512-character limit for a name, and its ledger file name
    /// (<c>&lt;id&gt;-&lt;suffix&gt;.json</c>) within the file system's 255. A longer id is refused when a build
    /// creates objects; look-ups (<see cref="Sanitize"/>) shorten it to this length.
    /// </summary>
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
        var fromEnvironment = false;
        if (!PackerValue.IsMissing(explicitBuildId))
        {
            raw = explicitBuildId!.Trim();
        }
        else if (!PackerValue.IsMissing(packerRunUuid))
        {
            raw = PackerValue.IsMissing(buildName) ? packerRunUuid!.Trim() : packerRunUuid!.Trim() + "-" + buildName!.Trim();
            fromEnvironment = true;
        }
        else
        {
            raw = "adhoc-" + RandomSuffix(12);
        }

        var sanitized = Clean(raw);
        if (sanitized.Length == 0)
        {
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.InvalidBuildId,
                "The build id has no usable characters (letters, digits, '.', '_', '-').",
                $"Pass {Fields.BuildId} with letters, digits, '.', '_' or '-'.");
        }

        if (sanitized.Length > MaxBuildIdLength)
        {
            // Refused, not shortened: two long ids that differ only past the cut would share their objects' names
            // and one build's cleanup would remove the other's.
            var source = fromEnvironment
                ? "AAPPACKER_RUN_ID (else PACKER_RUN_UUID) and AAPPACKER_BUILD (else PACKER_BUILD_NAME)"
                : Fields.BuildId;
            throw AapProvisioningException.Configuration(ProvisioningErrorKind.BuildIdTooLong,
                string.Format(CultureInfo.InvariantCulture,
                    "The build id from {0} is {1} characters long; AapPacker takes at most {2}, so that the names of the objects it creates in AAP ('{3}<build id>-<8 characters>-machine') stay within AAP's limit of {4} characters for a name. Nothing was created.",
                    source, sanitized.Length, MaxBuildIdLength, BuildNaming.NamePrefix, BuildNaming.MaxNameLength),
                fromEnvironment
                    ? $"Shorten AAPPACKER_RUN_ID and AAPPACKER_BUILD (a UUID and the build name are enough), or pass a shorter {Fields.BuildId}."
                    : $"Pass a {Fields.BuildId} of at most {MaxBuildIdLength.ToString(CultureInfo.InvariantCulture)} characters (a UUID and a build name are enough).");
        }

        return new BuildIdentity(sanitized, RandomSuffix(8));
    }

    /// <summary>Keeps letters, digits, '.', '_' and '-'; other runs of characters become one '-'; shortens to <see cref="MaxBuildIdLength"/>.</summary>
    public static string Sanitize(string value)
    {
        var result = Clean(value);
        return result.Length > MaxBuildIdLength ? result.Substring(0, MaxBuildIdLength).TrimEnd('-') : result;
    }

    private static string Clean(string value)
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

        return builder.ToString().Trim('-');
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
