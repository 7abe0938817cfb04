using System.Text.Json.Nodes;

namespace AapPacker.Simulator.Runner;

/// <summary>
/// The private directory one real run works in (AWX's private_data_dir): the inventory, the extra vars, the
/// Machine credential's key and secret variables, ansible's local temp and SSH control directories. The directory
/// is 0700 and every file 0600; <see cref="Dispose"/> removes it all once the run has ended.
/// </summary>
internal sealed class RunWorkspace : IDisposable
{
    private RunWorkspace(string root) => Root = root;

    public string Root { get; }

    public string InventoryPath => Path.Combine(Root, "inventory.json");

    public string ExtraVarsPath => Path.Combine(Root, "extravars.json");

    /// <summary>Secret variables from the Machine credential (password, become password), when there are any.</summary>
    public string? SecretVarsPath { get; private set; }

    /// <summary>The Machine credential's private key, when it has one.</summary>
    public string? PrivateKeyPath { get; private set; }

    public string LocalTemp => Path.Combine(Root, "tmp");

    public string ControlPathDir => Path.Combine(Root, "cp");

    public static RunWorkspace Create(RunInputs inputs)
    {
        var dir = Directory.CreateTempSubdirectory("aapsim-run-");
        var workspace = new RunWorkspace(dir.FullName);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            Directory.CreateDirectory(workspace.LocalTemp);
            Directory.CreateDirectory(workspace.ControlPathDir);
            WritePrivate(workspace.InventoryPath, Inventory(inputs).ToJsonString());
            WritePrivate(workspace.ExtraVarsPath, inputs.ExtraVars.ToJsonString());
            if (inputs.SecretVars.Count > 0)
            {
                workspace.SecretVarsPath = Path.Combine(dir.FullName, "credential_vars.json");
                WritePrivate(workspace.SecretVarsPath, inputs.SecretVars.ToJsonString());
            }
            if (!string.IsNullOrEmpty(inputs.PrivateKey))
            {
                workspace.PrivateKeyPath = Path.Combine(dir.FullName, "machine_key");
                // OpenSSH refuses a key file without a final newline.
                WritePrivate(workspace.PrivateKeyPath, inputs.PrivateKey.TrimEnd() + "\n");
            }
            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static JsonObject Inventory(RunInputs inputs)
    {
        var hosts = new JsonObject();
        foreach (var (name, vars) in inputs.Hosts)
        {
            hosts[name] = vars.DeepClone();
        }
        return new JsonObject { ["all"] = new JsonObject { ["vars"] = inputs.InventoryVars.DeepClone(), ["hosts"] = hosts } };
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
