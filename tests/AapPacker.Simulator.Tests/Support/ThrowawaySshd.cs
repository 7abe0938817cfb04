using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AapPacker.Simulator.Tests.Support;

/// <summary>
/// An sshd on 127.0.0.1 for one test: generated host and client keys in a temp dir, key authentication only, for the
/// current user. Ready once sshd logs that it listens; killed and its directory removed on dispose.
/// </summary>
public sealed class ThrowawaySshd : IAsyncDisposable
{
    private readonly Process _process;

    private ThrowawaySshd(string directory, int port, Process process)
    {
        Directory = directory;
        Port = port;
        _process = process;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ClientKeyPath => Path.Combine(Directory, "client_key");

    public string ClientKey => File.ReadAllText(ClientKeyPath);

    public static async Task<ThrowawaySshd> StartAsync()
    {
        var sshd = RealTools.Find("sshd", "/usr/sbin") ?? throw new InvalidOperationException("sshd is not installed (apt-get install openssh-server).");
        var dir = System.IO.Directory.CreateTempSubdirectory("aapsim-sshd-").FullName;
        await KeygenAsync(Path.Combine(dir, "host_key"));
        await KeygenAsync(Path.Combine(dir, "client_key"));
        File.Copy(Path.Combine(dir, "client_key.pub"), Path.Combine(dir, "authorized_keys"));
        // sshd's privilege separation directory; missing on a machine where the package never ran its service.
        // Only root can (and needs to) create it; sshd run by another user serves that user without it.
        if (Environment.UserName == "root")
        {
            System.IO.Directory.CreateDirectory("/run/sshd");
        }
        var port = FreePort();
        var config = Path.Combine(dir, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {dir}/host_key",
            $"AuthorizedKeysFile {dir}/authorized_keys",
            $"PidFile {dir}/sshd.pid",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "UsePAM no",
            "StrictModes no",
            "LogLevel INFO",
        ]);
        var start = new ProcessStartInfo(sshd) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", config, "-D", "-e" })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        // Ready when sshd says so (its own log line), not after a guessed delay.
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Contains("Server listening on 127.0.0.1", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync();
                return new ThrowawaySshd(dir, port, process);
            }
        }
        throw new InvalidOperationException($"sshd exited ({process.ExitCode}) before listening; config {config}.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static async Task KeygenAsync(string path)
    {
        using var p = Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "aapsim-test", "-f", path]);
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
