using System.Net;
using System.Text;
using System.Text.Json;
using AapPacker.TestSecrets;

namespace AapPacker.SecretScan.Tests;

/// <summary>The checker finds a planted secret in each form a leak could take, and never prints the secret.</summary>
public class SecretCheckerTests
{
    private static readonly TestSecret Password = new(1, "Password", "Pl4nted pass+/word=x");
    private static readonly TestSecret Key = new(2, "Key", TestSecretCatalog.PrivateKey);
    private readonly SecretChecker _checker = new([Password, Key]);

    // The planted texts stay out of the test names (theory arguments reach the TRX and the console log).
    private static readonly (string Name, string Form, string Text)[] Planted = Plant(Password.Value, Key.Value);

    public static TheoryData<int, string, string> PlantedForms()
    {
        var data = new TheoryData<int, string, string>();
        for (var i = 0; i < Planted.Length; i++)
        {
            data.Add(i, Planted[i].Name, Planted[i].Form);
        }

        return data;
    }

    private static (string, string, string)[] Plant(string password, string key)
    {
        var keyLines = key.Split('\n');
        return new[]
        {
            ("Password", "whole", $"Connecting with {password} now"),
            ("Password", "base64 (Packer base64encode)", "$env:AAPPACKER_PASSWORD_B64 = '" + B64(password) + "'"),
            ("Password", "base64 inside longer base64", "Authorization: Basic " + B64("reader:" + password)),
            ("Password", "base64 inside longer base64", "blob " + B64("ab" + password + "tail")),
            ("Password", "base64 of UTF-16 (pwsh -EncodedCommand", "pwsh -EncodedCommand " + Convert.ToBase64String(Encoding.Unicode.GetBytes("$p = '" + password + "'"))),
            ("Password", "JSON-escaped (System.Text.Json default)", JsonSerializer.Serialize(new { password })),
            ("Password", "URL-encoded", "https://aap/?p=" + Uri.EscapeDataString(password)),
            ("Password", "form-encoded", "p=" + WebUtility.UrlEncode(password)),
            ("Key", "whole", "key: " + key),
            ("Key", "line 3", "printed one line: " + keyLines[2]),
            ("Key", "JSON-escaped", "{\"ssh_key_data\":\"" + key.Replace("\n", "\\n") + "\"}"),
            ("Key", "base64 (Packer base64encode)", B64(key)),
        };
    }

    [Theory]
    [MemberData(nameof(PlantedForms))]
    public void Given_a_secret_planted_in_a_form_when_checking_then_it_is_found_and_named_by_number_and_form(int index, string name, string form)
    {
        var text = Planted[index].Text;
        var findings = _checker.CheckText("first line\n" + text + "\nlast line", "planted.log");

        // A multi-line secret also shows on the lines after; the first hit names the form.
        var finding = findings.Where(f => f.Secret.Name == name).OrderBy(f => f.Line).First();
        Assert.StartsWith(form, finding.Form, StringComparison.Ordinal);
        Assert.Equal("planted.log", finding.File);
        Assert.Equal(2, finding.Line);
    }

    [Theory]
    [MemberData(nameof(PlantedForms))]
    public void Given_a_finding_when_reported_then_the_report_holds_no_form_of_the_secret(int index, string name, string form)
    {
        _ = form;
        var text = Planted[index].Text;
        var report = string.Join("\n", _checker.CheckText(text, "planted.log").Select(f => f.ToString()));

        Assert.Contains($"({name}, ", report, StringComparison.Ordinal);
        Assert.Empty(_checker.CheckText(report, "report"));
    }

    [Fact]
    public void Given_text_without_secrets_when_checking_then_nothing_is_found()
    {
        var text = "Connect-Aap -Token ********\nBEGIN OPENSSH PRIVATE KEY\n-----END OPENSSH PRIVATE KEY-----\nPassword: [redacted]";

        Assert.Empty(_checker.CheckText(text, "clean.log"));
    }

    [Fact]
    public void Given_every_catalogue_secret_planted_in_every_form_when_checking_then_each_is_found()
    {
        var checker = new SecretChecker();
        foreach (var secret in TestSecretCatalog.Scanned)
        {
            foreach (var form in SecretForms.Of(secret.Value))
            {
                var findings = checker.CheckText("x " + form.Text + " y", "planted.log");
                Assert.True(findings.Any(f => f.Secret.Number == secret.Number), $"{secret} in form '{form.Kind}' was not found");
            }
        }
    }

    [Fact]
    public void Given_files_in_a_tree_when_scanning_then_hits_in_utf8_and_utf16_files_name_file_and_line()
    {
        var root = Path.Combine(Path.GetTempPath(), "aappacker-scan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        try
        {
            File.WriteAllText(Path.Combine(root, "clean.txt"), "nothing here");
            File.WriteAllText(Path.Combine(root, "sub", "utf8.log"), "a\nb\n" + Password.Value);
            File.WriteAllText(Path.Combine(root, "utf16.log"), "x\n" + Password.Value, Encoding.Unicode);

            var result = _checker.CheckTrees([root, Path.Combine(root, "missing")]);

            Assert.Equal(3, result.FilesScanned);
            Assert.Contains(result.Findings, f => f.File.EndsWith("utf8.log", StringComparison.Ordinal) && f.Line == 3);
            Assert.Contains(result.Findings, f => f.File.EndsWith("utf16.log (UTF-16)", StringComparison.Ordinal) && f.Line == 2);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Given_empty_files_and_pipes_in_a_tree_when_scanning_then_they_are_passed_over_without_blocking()
    {
        var root = Path.Combine(Path.GetTempPath(), "aappacker-scan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "empty.log"), "");
            File.WriteAllText(Path.Combine(root, "leak.log"), Password.Value);
            if (!OperatingSystem.IsWindows())
            {
                // What the runtime leaves in TMPDIR: a FIFO nobody writes to (opening it for reading would wait forever).
                using var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(root, "clr-debug-pipe-test-in"));
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var result = _checker.CheckTrees([root]);

            Assert.Equal(1, result.FilesScanned);
            Assert.Single(result.Findings);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Given_a_secret_a_test_generated_and_registered_when_scanning_then_it_is_looked_for_after_the_catalogue()
    {
        var list = Path.Combine(Path.GetTempPath(), "aappacker-run-secrets-" + Guid.NewGuid().ToString("N") + ".tsv");
        var saved = Environment.GetEnvironmentVariable("AAPPACKER_RUN_SECRETS");
        Environment.SetEnvironmentVariable("AAPPACKER_RUN_SECRETS", list);
        try
        {
            RunSecrets.Register("GeneratedKey", "gen-" + Guid.NewGuid().ToString("N"));
            RunSecrets.Register("Duplicate", TestSecretCatalog.TargetPassword);

            var secrets = RunSecrets.WithCatalogue(list);

            var generated = Assert.Single(secrets, s => s.Name == "GeneratedKey");
            Assert.Equal(TestSecretCatalog.Scanned.Count + 1, generated.Number);
            Assert.Equal(TestSecretCatalog.Scanned.Count + 1, secrets.Count); // a catalogue value is not listed twice
            Assert.Single(new SecretChecker(secrets).CheckText("log: " + generated.Value, "run.log"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AAPPACKER_RUN_SECRETS", saved);
            File.Delete(list);
        }
    }

    [Fact]
    public void Given_a_secret_or_finding_when_formatted_then_only_number_name_and_form_show()
    {
        Assert.Equal("secret #1 (Password)", Password.ToString());
        Assert.DoesNotContain(Password.Value, new SecretForm("whole", Password.Value).ToString(), StringComparison.Ordinal);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
