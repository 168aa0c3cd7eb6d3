using System.Collections.Frozen;
using NewsNer.Internal;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// The news convention's outlet rule: online platforms (<c>Twitter</c>; <c>X</c> after a cue such as "sur") and web
/// addresses written as names (<c>thediplomatinspain.com</c>, <c>podrobno.uz</c>, <c>POLITICO.CD</c>) are organizations,
/// whatever the model tagged (nothing, a work, a place). Data: <c>Resources/ner/outlets.fr.txt</c>, the top-level domains
/// of <c>Resources/fr/top-level-domains.txt</c> and the country codes of <c>Resources/geo/countries.tsv</c>. Immutable and
/// thread-safe.
/// </summary>
internal sealed class OutletRules
{
    private const int CueWindow = 4;
    private const float Confidence = 0.9f;

    private readonly FrozenDictionary<string, bool> _platforms;
    private readonly FrozenDictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> _platformSpans;
    private readonly int _longestPlatform;
    private readonly FrozenSet<string> _cues;
    private readonly FrozenSet<string> _domains;

    public OutletRules(IEnumerable<string> outletLines, IEnumerable<string> topLevelDomains, IEnumerable<string> countryCodes)
    {
        var platforms = new Dictionary<string, bool>(StringComparer.Ordinal);
        var cues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in outletLines)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var (kind, value) = tab < 0 ? (line, string.Empty) : (line[..tab].Trim(), line[(tab + 1)..].Trim());
            switch (kind)
            {
                case "platform": platforms[value] = false; break;
                case "platform*": platforms[value] = true; break;
                case "cue": cues.Add(TokenNormalizer.Normalize(value)); break;
                default: throw new InvalidDataException($"Unknown outlet rule kind '{kind}' in '{line}'.");
            }
        }

        _platforms = platforms.ToFrozenDictionary(StringComparer.Ordinal);
        _platformSpans = _platforms.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestPlatform = platforms.Count == 0 ? 0 : platforms.Keys.Max(p => p.Length);
        _cues = cues.ToFrozenSet(StringComparer.Ordinal);
        _domains = topLevelDomains.Concat(countryCodes).Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The embedded rules.</summary>
    public static OutletRules Default => s_default.Value;

    private static readonly Lazy<OutletRules> s_default = new(() => new OutletRules(
        EmbeddedResources.ReadLines("ner/outlets.fr.txt"),
        EmbeddedResources.ReadLines("fr/top-level-domains.txt"),
        EmbeddedResources.ReadLines("geo/countries.tsv").Select(l => l.Split('\t')[0])));

    /// <summary>Tags the platforms and bare web addresses of one sentence as organizations (over the model's labels).</summary>
    public void Apply(ReadOnlySpan<Token> tokens, Span<int> labels, Span<float> confidence)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var count = Match(tokens, 0, tokens.Length, i);
            if (count > 0)
            {
                Relabel(labels, confidence, i, count);
                i += count - 1;
            }
        }
    }

    // Length in tokens of the outlet name starting at i (0: none).
    private int Match(ReadOnlySpan<Token> tokens, int first, int end, int i)
    {
        var token = tokens[i];
        if (token.Length <= _longestPlatform && _platformSpans.TryGetValue(token.Span, out var needsCue) && (!needsCue || CueBefore(tokens, first, i)))
        {
            return 1;
        }

        // A bare address the tokenizer kept whole: no scheme, no www., no path.
        if (token.Kind == TokenKind.Url)
        {
            var span = token.Span;
            return span.Contains("/", StringComparison.Ordinal) || span.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || span.Contains('@') ? 0 : 1;
        }

        // "podrobno.uz", "POLITICO.CD": word, period and a domain written together, the same case on both sides.
        if (i + 2 < end && token.Kind == TokenKind.Word && tokens[i + 1].Span is "." && tokens[i + 2].Kind == TokenKind.Word
            && tokens[i + 1].Start == token.End && tokens[i + 2].Start == tokens[i + 1].End && token.Length >= 3
            && tokens[i + 2].Length <= 6 && _domains.Contains(tokens[i + 2].Text.ToLowerInvariant()) && SameCase(token.Span, tokens[i + 2].Span))
        {
            return 3;
        }

        return 0;
    }

    private bool CueBefore(ReadOnlySpan<Token> tokens, int first, int i)
    {
        for (var k = Math.Max(first, i - CueWindow); k < i; k++)
        {
            if (_cues.Contains(tokens[k].Norm))
            {
                return true;
            }
        }

        return false;
    }

    // Both all lower case, or both all upper case.
    private static bool SameCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        static int Case(ReadOnlySpan<char> s)
        {
            bool upper = false, lower = false;
            foreach (var c in s)
            {
                upper |= char.IsUpper(c);
                lower |= char.IsLower(c);
            }

            return upper && !lower ? 1 : lower && !upper ? 2 : 0;
        }

        var ca = Case(a);
        return ca != 0 && ca == Case(b);
    }

    // The outlet replaces whatever the model tagged over its tokens; model spans it cuts are left out.
    private static void Relabel(Span<int> labels, Span<float> confidence, int start, int count)
    {
        var i = start;
        while (i > 0 && NerLabels.IsInside(labels[i]))
        {
            i--;
        }

        var end = start + count;
        for (; i < labels.Length && (i < end || NerLabels.IsInside(labels[i])); i++)
        {
            labels[i] = NerLabels.Outside;
            confidence[i] = 0;
        }

        labels[start] = NerLabels.Begin(EntityType.Organization);
        confidence[start] = Confidence;
        for (var k = start + 1; k < end; k++)
        {
            labels[k] = NerLabels.Inside(EntityType.Organization);
        }
    }
}
