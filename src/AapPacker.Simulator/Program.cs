namespace AapPacker.Simulator;

/// <summary>Standalone entry point: <c>dotnet run --project src/AapPacker.Simulator -- --port 8043 --layout gateway</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = SimulatorCommandLine.Parse(args, out var message, out var help);
        if (options is null)
        {
            if (help)
            {
                Console.Out.WriteLine(SimulatorCommandLine.Usage);
                return 0;
            }
            Console.Error.WriteLine(message);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // SIGTERM (docker stop, systemd, a CI agent ending the step) stops it as cleanly as Ctrl-C.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        RunningSimulator sim;
        try
        {
            sim = await SimulatorHost.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // A busy port or a bad scenario file: say so plainly instead of a stack trace.
            Console.Error.WriteLine($"simulator: cannot start: {e.Message}");
            return 1;
        }
        await using var running = sim;
        Console.Out.WriteLine($"AapPacker simulator listening on {sim.BaseUri} (layout {options.Layout})");
        Console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop cleanly.
        }
        return 0;
    }
}
