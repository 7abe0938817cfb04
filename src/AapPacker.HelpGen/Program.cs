namespace AapPacker.HelpGen;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("helpgen: not implemented yet");
        return 1;
    }
}
