namespace NewsNer.Cli;

internal static class ConsoleApp
{
    public static int Run(string[] args)
    {
        var text = args.Length > 0 ? File.ReadAllText(args[0]) : Console.In.ReadToEnd();
        var doc = NewsPipeline.CreateDefault().Process(text);
        Console.WriteLine($"{doc.Tokens.Length} tokens, {doc.Sentences.Length} sentences");
        return 0;
    }
}
