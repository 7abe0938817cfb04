namespace AapPacker.Bench;

/// <summary>
/// <c>--module PSD1 --out DIR --pwsh EXE [--pwsh-arg ARG]... [--short] [--only FIGURE]...</c> (FIGURE: a figure's
/// number, e.g. 1, which includes 1b-1d); the module path also comes from AAPPACKER_MODULE_PATH, the short mode from
/// AAPPACKER_BENCH_SHORT=1.
/// </summary>
internal static class BenchCommandLine
{
    public static BenchSettings Parse(string[] args)
    {
        string? module = Environment.GetEnvironmentVariable("AAPPACKER_MODULE_PATH");
        string? output = null;
        var pwsh = new List<string>();
        var only = new List<string>();
        var isShort = Environment.GetEnvironmentVariable("AAPPACKER_BENCH_SHORT") == "1";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short":
                    isShort = true;
                    break;
                case "--module":
                    module = Value(args, ref i);
                    break;
                case "--out":
                    output = Value(args, ref i);
                    break;
                case "--pwsh":
                    pwsh.Insert(0, Value(args, ref i));
                    break;
                case "--only":
                    only.Add(Value(args, ref i));
                    break;
                case "--pwsh-arg":
                    pwsh.Add(Value(args, ref i));
                    break;
                default:
                    throw new ArgumentException($"Unknown bench argument '{args[i]}'. Usage: --module PSD1 --out DIR --pwsh EXE [--pwsh-arg ARG] [--short] [--only FIGURE]...");
            }
        }

        if (string.IsNullOrEmpty(module) || !File.Exists(module))
        {
            throw new ArgumentException($"The built module was not found ('{module}'): run 'build.ps1 -Task Build' and pass --module out/AapPacker/AapPacker.psd1.");
        }

        return new BenchSettings
        {
            Short = isShort,
            ModulePath = Path.GetFullPath(module),
            OutputDirectory = Path.GetFullPath(output ?? Path.Combine("out", "bench")),
            PwshCommand = pwsh.Count > 0 ? pwsh : ["pwsh"],
            Only = only,
        };
    }

    private static string Value(string[] args, ref int i)
        => ++i < args.Length ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value.");
}
