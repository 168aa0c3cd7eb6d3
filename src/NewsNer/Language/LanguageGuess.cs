namespace NewsNer.Language;

/// <summary>What <see cref="LanguageIdentifier"/> concluded about a text.</summary>
/// <param name="Code">ISO 639-1 code of the language (<c>und</c> when letters of an unknown script dominate).</param>
/// <param name="Confidence">The share of the judged letters that read as <paramref name="Code"/>, in [0, 1].</param>
/// <param name="Determined">False when the text has too few letters to judge: <paramref name="Code"/> is then French, assumed.</param>
internal readonly record struct LanguageGuess(string Code, float Confidence, bool Determined)
{
    public bool IsFrench => Code == Document.French;
}
