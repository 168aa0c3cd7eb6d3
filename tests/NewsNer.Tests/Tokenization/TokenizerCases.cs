using NewsNer.Tokenization;

namespace NewsNer.Tests.Tokenization;

/// <summary>Helpers shared by the tokenizer tests.</summary>
internal static class TokenizerCases
{
    /// <summary>The token texts joined with <c>|</c>.</summary>
    public static string Joined(string text) => string.Join("|", FrenchTokenizer.Default.Tokenize(text).Select(t => t.Text));

    /// <summary>Each token as <c>text/Kind</c>, joined with a space.</summary>
    public static string WithKinds(string text) =>
        string.Join(" ", FrenchTokenizer.Default.Tokenize(text).Select(t => $"{t.Text}/{t.Kind}"));
}
