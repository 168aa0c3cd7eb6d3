namespace NewsNer.Language;

/// <summary>
/// Tells whether a text is French, and if not, which language it is in. Letters are counted by script: when Latin
/// letters are not the majority, the dominant script names the language (Arabic script → <c>ar</c>, Han with kana →
/// <c>ja</c>…; Cyrillic goes through the trigram model, Russian or Ukrainian). Latin text is cut into chunks of about
/// 200 letters at line ends; each chunk is scored by a naive Bayes model over the character trigrams of its lower-case
/// words (<see cref="LanguageModel"/>; capitalised words are mostly names, which travel between languages) and counts
/// for the best language only when it beats French by a clear margin, so French news quoting English stays French. The text is French when at least a quarter of the judged letters read
/// as French. Immutable and thread-safe; time is linear in the text, and at most 40 chunks are scored.
/// </summary>
internal sealed class LanguageIdentifier
{
    /// <summary>Letters a chunk gathers before it ends at the next line end.</summary>
    private const int ChunkLetters = 200;

    /// <summary>
    /// Letters after which a chunk ends at the next word end even without a line end (a one-line megabyte): keeps the
    /// sums of a chunk far from overflow and the work on a long text bounded by <see cref="MaxChunks"/>.
    /// </summary>
    private const int MaxChunkLetters = 5000;

    /// <summary>Trigrams (of lower-case words) a chunk needs to be judged; fewer (a list of names, a table) and it is left out.</summary>
    private const int MinTrigrams = 60;

    /// <summary>Judged letters a text needs for a verdict; below, French is assumed.</summary>
    private const int MinLetters = 40;

    /// <summary>At most this many chunks are scored, spread evenly over a long text.</summary>
    private const int MaxChunks = 40;

    /// <summary>
    /// How much better (in <c>100 ln P</c> per trigram) the best language must explain a chunk than French for the
    /// chunk to count against French. Chosen with <see cref="MinTrigrams"/> on the French dev articles and NER corpora
    /// (no French document may come out as another language) and the held-out manual pages (docs/language.md).
    /// </summary>
    private const int Margin = 40;

    /// <summary>The share of French letters from which a text is French.</summary>
    private const float FrenchShare = 0.25f;

    private static readonly Lazy<LanguageIdentifier> s_default = new(() => new LanguageIdentifier(LanguageModel.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LanguageModel _model;
    private readonly int _french;
    private readonly int[] _latin;
    private readonly int[] _cyrillic;

    public LanguageIdentifier(LanguageModel model)
    {
        _model = model;
        _french = model.IndexOf(Document.French);
        _latin = [.. Enumerable.Range(0, model.Codes.Length).Where(l => model.Scripts[l] == WordScript.Latin)];
        _cyrillic = [.. Enumerable.Range(0, model.Codes.Length).Where(l => model.Scripts[l] == WordScript.Cyrillic)];
    }

    public static LanguageIdentifier Default => s_default.Value;

    /// <summary>The English name of a language code (<c>en</c> → English), or the code.</summary>
    public string NameOf(string code) => _model.NameOf(code);

    public LanguageGuess Identify(ReadOnlySpan<char> text)
    {
        Span<int> letters = stackalloc int[(int)WordScript.Other + 1];
        foreach (var c in text)
        {
            letters[(int)WordScripts.Of(c)]++;
        }

        letters[(int)WordScript.None] = 0;
        var total = Sum(letters);
        if (total < MinLetters)
        {
            return new LanguageGuess(Document.French, 1f, Determined: false);
        }

        var dominant = (WordScript)Max(letters);
        if (letters[(int)WordScript.Latin] * 2 >= total)
        {
            return Judge(text, WordScript.Latin, _latin);
        }

        var share = (float)letters[(int)dominant] / total;
        return dominant switch
        {
            WordScript.Cyrillic => Judge(text, WordScript.Cyrillic, _cyrillic),
            WordScript.Han when letters[(int)WordScript.Kana] * 10 >= letters[(int)WordScript.Han] => new LanguageGuess("ja", share + (float)letters[(int)WordScript.Kana] / total, true),
            WordScript.Kana => new LanguageGuess("ja", share + (float)letters[(int)WordScript.Han] / total, true),
            _ => new LanguageGuess(CodeOf(dominant), share, true),
        };
    }

    private static string CodeOf(WordScript script) => script switch
    {
        WordScript.Arabic => "ar",
        WordScript.Hebrew => "he",
        WordScript.Greek => "el",
        WordScript.Armenian => "hy",
        WordScript.Georgian => "ka",
        WordScript.Devanagari => "hi",
        WordScript.Bengali => "bn",
        WordScript.Tamil => "ta",
        WordScript.Thai => "th",
        WordScript.Ethiopic => "am",
        WordScript.Han => "zh",
        WordScript.Hangul => "ko",
        _ => "und",
    };

    // Scores the chunks of one script against that script's languages and shares the judged letters out among them.
    private LanguageGuess Judge(ReadOnlySpan<char> text, WordScript script, int[] languages)
    {
        var chunks = Chunks(text, script);
        var step = Math.Max(1, (chunks.Count + MaxChunks - 1) / MaxChunks);
        Span<int> lettersBy = stackalloc int[_model.Codes.Length];
        Span<int> costs = stackalloc int[_model.Width];
        var judged = 0;
        for (var i = 0; i < chunks.Count; i += step)
        {
            var (start, end, chunkLetters) = chunks[i];
            costs.Clear();
            var trigrams = Score(text[start..end], script, skipCapitalised: true, costs);
            if (trigrams < MinTrigrams && MostlyUpperCase(text[start..end]))
            {
                // A text in capitals: its capitalised words are all it has.
                costs.Clear();
                trigrams = Score(text[start..end], script, skipCapitalised: false, costs);
            }

            if (trigrams < MinTrigrams)
            {
                continue;
            }

            var best = languages[0];
            foreach (var l in languages)
            {
                if (costs[l] < costs[best])
                {
                    best = l;
                }
            }

            // French keeps a chunk unless another language explains it clearly better.
            if (script == WordScript.Latin && best != _french && costs[_french] - costs[best] <= Margin * trigrams)
            {
                best = _french;
            }

            lettersBy[best] += chunkLetters;
            judged += chunkLetters;
        }

        if (judged < MinLetters)
        {
            return new LanguageGuess(Document.French, 1f, Determined: false);
        }

        if (script == WordScript.Latin && lettersBy[_french] >= FrenchShare * judged)
        {
            return new LanguageGuess(Document.French, (float)lettersBy[_french] / judged, true);
        }

        var winner = Max(lettersBy);
        return new LanguageGuess(_model.Codes[winner], (float)lettersBy[winner] / judged, true);
    }

    // Adds the costs of every trigram of the chunk's words (lower-cased letters of the script, padded with a space:
    // " le" and "le " for "le") and returns how many there were. Capitalised words are left out: names (and OCR'd
    // tables of them) travel between languages, while the lower-case words carry the language.
    private int Score(ReadOnlySpan<char> chunk, WordScript script, bool skipCapitalised, Span<int> costs)
    {
        var trigrams = 0;
        char a = ' ', b = ' ';
        var inWord = false;
        var skipped = false;
        foreach (var raw in chunk)
        {
            if (WordScripts.Of(raw) == script || (inWord || skipped) && char.GetUnicodeCategory(raw) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                if (skipped)
                {
                    continue;
                }

                if (!inWord && skipCapitalised && char.IsUpper(raw))
                {
                    skipped = true;
                    continue;
                }

                var c = char.ToLowerInvariant(raw);
                if (inWord)
                {
                    _model.AddCosts(a, b, c, costs);
                    trigrams++;
                    (a, b) = (b, c);
                }
                else
                {
                    (a, b, inWord) = (' ', c, true);
                }

                continue;
            }

            skipped = false;
            if (inWord)
            {
                _model.AddCosts(a, b, ' ', costs);
                trigrams++;
                inWord = false;
            }
        }

        if (inWord)
        {
            _model.AddCosts(a, b, ' ', costs);
            trigrams++;
        }

        return trigrams;
    }

    private static bool MostlyUpperCase(ReadOnlySpan<char> chunk)
    {
        int upper = 0, lower = 0;
        foreach (var c in chunk)
        {
            upper += char.IsUpper(c) ? 1 : 0;
            lower += char.IsLower(c) ? 1 : 0;
        }

        return upper > lower;
    }

    // Chunks of at least ChunkLetters letters of the script, ending at a line end (or the text's end).
    private static List<(int Start, int End, int Letters)> Chunks(ReadOnlySpan<char> text, WordScript script)
    {
        var chunks = new List<(int, int, int)>();
        var start = 0;
        var letters = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (WordScripts.Of(c) == script)
            {
                letters++;
            }
            else if ((c == '\n' || c == '\r' || c == '\u2029') && letters >= ChunkLetters || letters >= MaxChunkLetters && !char.IsLetter(c))
            {
                chunks.Add((start, i, letters));
                (start, letters) = (i + 1, 0);
            }
        }

        if (letters > 0)
        {
            chunks.Add((start, text.Length, letters));
        }

        return chunks;
    }

    private static int Sum(ReadOnlySpan<int> values)
    {
        var sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static int Max(ReadOnlySpan<int> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
