namespace AapPacker.Simulator;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("simulator: not implemented yet");
        return 1;
    }
}
