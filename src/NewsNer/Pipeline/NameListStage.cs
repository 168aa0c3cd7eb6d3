using NewsNer.Entities;

namespace NewsNer.Pipeline;

/// <summary>
/// A recognizer that tags every occurrence of a fixed list of names (longest first, on token boundaries). It stands
/// in for the statistical recognizer when linking and event rules are evaluated on their own, over the mentions a
/// perfect recognizer would give (tests, <c>newsner eval-meeting-classifier</c>). Immutable and thread-safe.
/// </summary>
internal sealed class NameListStage : IPipelineStage
{
    private readonly (string Name, EntityType Type)[] _names;

    public NameListStage(IEnumerable<(string Name, EntityType Type)> names) =>
        _names = [.. names.Where(n => n.Name.Length > 0).OrderByDescending(n => n.Name.Length)];

    public string Name => "name-list";

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

    public Annotations Produces => Annotations.Mentions;

    public void Run(AnnotationState state, CancellationToken cancellationToken)
    {
        if (state.Tokens.Length == 0)
        {
            return;
        }

        var startToken = new Dictionary<int, int>();
        var endToken = new Dictionary<int, int>();
        for (var t = 0; t < state.Tokens.Length; t++)
        {
            startToken[state.Tokens[t].Start] = t;
            endToken[state.Tokens[t].End] = t;
        }

        // Only the stretch of text the tokens cover: a segment of a long text is searched, not the whole text again.
        var origin = state.Tokens[0].Start;
        var stretch = state.Tokens[^1].End - origin;
        var taken = new bool[stretch];
        var sentenceStarts = state.Sentences.Select(s => s.FirstToken).ToArray();
        var found = new List<EntityMention>();
        foreach (var (name, type) in _names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = origin;
            while (from < origin + stretch && (from = state.Text.IndexOf(name, from, origin + stretch - from, StringComparison.Ordinal)) >= 0)
            {
                var end = from + name.Length;
                if (startToken.TryGetValue(from, out var first) && endToken.TryGetValue(end, out var last) && !taken.AsSpan(from - origin, name.Length).Contains(true))
                {
                    taken.AsSpan(from - origin, name.Length).Fill(true);
                    var sentence = Array.BinarySearch(sentenceStarts, first);
                    found.Add(new EntityMention(from, end, first, last - first + 1, type, Math.Max(sentence >= 0 ? sentence : ~sentence - 1, 0), 1f));
                }

                from = end;
            }
        }

        state.Mentions.AddRange(found.OrderBy(m => m.Start));
    }

    /// <summary>Parses "PER: Vladimir Poutine | Poutine; LOC: Kremlin" into names.</summary>
    /// <exception cref="FormatException">A group has no type or an unknown one.</exception>
    public static IEnumerable<(string Name, EntityType Type)> Parse(string spec)
    {
        foreach (var group in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !EntityTypes.TryParse(group.AsSpan(0, colon).Trim(), out var type))
            {
                throw new FormatException($"'{group}' does not start with a type (PER:, LOC:, ORG:, MISC:).");
            }

            foreach (var name in group[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return (name, type);
            }
        }
    }
}
