namespace AapPacker.HelpGen;

/// <summary>
/// <c>AapPacker.HelpGen --docs docs/en-US --out out/AapPacker/en-US [--module-name AapPacker]</c>.
/// Exit codes: 0 written, 1 a help page is malformed (each problem printed as file:line: what), 2 bad arguments.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: AapPacker.HelpGen --docs <docs/en-US> --out <module>/en-US [--module-name <name>]";

    public static int Main(string[] args)
    {
        string? docs = null;
        string? output = null;
        string? moduleName = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--docs" when value is not null:
                    docs = value;
                    i++;
                    break;
                case "--out" when value is not null:
                    output = value;
                    i++;
                    break;
                case "--module-name" when value is not null:
                    moduleName = value;
                    i++;
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"helpgen: unexpected argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (docs is null || output is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!Directory.Exists(docs))
        {
            Console.Error.WriteLine($"helpgen: the docs folder '{docs}' does not exist");
            return 2;
        }

        GenerationResult result = HelpGenerator.Generate(docs, output, moduleName);
        if (!result.Succeeded)
        {
            foreach (HelpFormatException problem in result.Problems)
            {
                Console.Error.WriteLine($"helpgen: error: {problem.Message}");
            }

            Console.Error.WriteLine($"helpgen: {result.Problems.Count} problem(s); no help was written");
            return 1;
        }

        foreach (string file in result.WrittenFiles)
        {
            Console.WriteLine($"helpgen: wrote {file}");
        }

        return 0;
    }
}
