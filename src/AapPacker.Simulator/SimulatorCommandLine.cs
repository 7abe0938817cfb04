using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace AapPacker.Simulator;

/// <summary>Parses the standalone simulator's command line.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        AapPacker AAP/AWX simulator

        Usage: AapPacker.Simulator [options]
          --port N                 TCP port on 127.0.0.1 (default 8043; 0 = any free port)
          --layout gateway|awx     gateway: AAP 2.5+ (/api/controller/v2/); awx: AWX (/api/v2/) (default gateway)
          --scenario FILE          scenario JSON (users, templates, outcomes); default: the built-in scenario
          --time-scale N           simulated seconds per real second (default 1)
          --manual-clock           simulated time moves only via POST /_sim/clock/advance
          --playbook-dir DIR       real-runner mode: templates whose playbook is a file in DIR run it with ansible-playbook
          --ansible-playbook PATH  the ansible-playbook executable for real runs (default: from PATH)
          --https-pfx FILE         serve HTTPS with this PKCS#12 certificate
          --https-password P       password of the PFX file
          --help                   show this text

        Control endpoints: /_sim/state, /_sim/reset, /_sim/faults, /_sim/requests, /_sim/clock/advance (see docs/simulator.md).
        """;

    /// <summary>Returns the options, or null with an error message (or help) to print.</summary>
    public static SimulatorOptions? Parse(IReadOnlyList<string> args, out string? message, out bool help)
    {
        var options = new SimulatorOptions { Port = 8043 };
        string? pfx = null, password = null;
        message = null;
        help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            try
            {
                switch (arg)
                {
                    case "--help" or "-h" or "-?":
                        help = true;
                        return null;
                    case "--port":
                        options.Port = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "--layout":
                        options.Layout = Http.Layout.Parse(Next()).Name;
                        break;
                    case "--scenario":
                        options.ScenarioPath = Next();
                        break;
                    case "--time-scale":
                        options.TimeScale = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
                        break;
                    case "--manual-clock":
                        options.ManualClock = true;
                        break;
                    case "--playbook-dir":
                        options.PlaybookDirectory = Next();
                        if (!Directory.Exists(options.PlaybookDirectory))
                        {
                            throw new ArgumentException($"--playbook-dir '{options.PlaybookDirectory}' is not a directory.");
                        }
                        break;
                    case "--ansible-playbook":
                        options.AnsiblePlaybookPath = Next();
                        break;
                    case "--https-pfx":
                        pfx = Next();
                        break;
                    case "--https-password":
                        password = Next();
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{arg}'.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                message = e.Message + " Use --help for the options.";
                return null;
            }
        }
        if (pfx is not null)
        {
            options.ServerCertificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, password);
        }
        return options;
    }
}
