namespace AapPacker.Simulator.Tests.Support;

/// <summary>
/// A fact that needs real tools (ansible-playbook; with <c>Sshd = true</c> also sshd and ssh-keygen). Where they are
/// missing it is skipped with the reason, except under CI (<c>CI=true</c>), where it runs and fails clearly: CI
/// installs them (.ci/run), so a missing tool there is a broken setup, not a reason to skip.
/// </summary>
public sealed class RequiresAnsibleFactAttribute : FactAttribute
{
    private bool _sshd;

    public RequiresAnsibleFactAttribute() => Skip = RealTools.MissingReason(sshd: false);

    public bool Sshd
    {
        get => _sshd;
        set
        {
            _sshd = value;
            Skip = RealTools.MissingReason(value);
        }
    }
}

/// <summary>Finds the real tools the real-runner tests use.</summary>
public static class RealTools
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when everything is there or when running under CI (then the test fails on its own).</summary>
    public static string? MissingReason(bool sshd)
    {
        if (UnderCi)
        {
            return null;
        }
        var missing = new List<string>();
        if (Find("ansible-playbook") is null)
        {
            missing.Add("ansible-playbook (apt-get install ansible-core)");
        }
        if (sshd && Find("sshd", "/usr/sbin") is null)
        {
            missing.Add("sshd (apt-get install openssh-server)");
        }
        if (sshd && Find("ssh-keygen") is null)
        {
            missing.Add("ssh-keygen (apt-get install openssh-client)");
        }
        return missing.Count == 0 ? null : "Not installed here: " + string.Join(", ", missing) + ". .ci/run installs them; under CI=true this test runs and fails instead.";
    }

    /// <summary>The full path of <paramref name="name"/> on PATH (or in the extra directories), else null.</summary>
    public static string? Find(string name, params string[] extraDirectories)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
