using NewsNer.Entities.Linking;
using NewsNer.Internal.Lexicons;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.TestSupport;

/// <summary>Lexical views of short texts, for testing the rules that read them.</summary>
internal static class Views
{
    public static LexicalView Of(string text)
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        return new LexicalView(text, tokens, SentenceSplitter.Default.Split(text, tokens), FrenchLexicons.Default);
    }
}
