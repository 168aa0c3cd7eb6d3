using NewsNer.Entities;
using NewsNer.Pipeline;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// A stand-in for the entity recognizer in tests: tags every occurrence of the given names (longest first, on token
/// boundaries), so that linking and event rules can be tested on exactly the mentions a perfect recognizer would give.
/// </summary>
internal sealed class GazetteerMentionStage : IPipelineStage
{
    private readonly (string Name, EntityType Type)[] _names;

    public GazetteerMentionStage(IEnumerable<(string Name, EntityType Type)> names) =>
        _names = [.. names.OrderByDescending(n => n.Name.Length)];

    public string Name => "test-gazetteer";

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

    public Annotations Produces => Annotations.Mentions;

    public void Run(AnnotationState state, CancellationToken cancellationToken)
    {
        var startToken = new Dictionary<int, int>();
        var endToken = new Dictionary<int, int>();
        for (var t = 0; t < state.Tokens.Length; t++)
        {
            startToken[state.Tokens[t].Start] = t;
            endToken[state.Tokens[t].End] = t;
        }

        var taken = new bool[state.Text.Length];
        var found = new List<EntityMention>();
        foreach (var (name, type) in _names)
        {
            var from = 0;
            while ((from = state.Text.IndexOf(name, from, StringComparison.Ordinal)) >= 0)
            {
                var end = from + name.Length;
                if (startToken.TryGetValue(from, out var first) && endToken.TryGetValue(end, out var last) && !taken.AsSpan(from, name.Length).Contains(true))
                {
                    taken.AsSpan(from, name.Length).Fill(true);
                    var sentence = Array.FindIndex(state.Sentences, s => s.FirstToken <= first && first < s.EndToken);
                    found.Add(new EntityMention(from, end, first, last - first + 1, type, Math.Max(sentence, 0), 0.9f));
                }

                from = end;
            }
        }

        state.Mentions.AddRange(found.OrderBy(m => m.Start));
    }

    /// <summary>Parses "PER: Vladimir Poutine | Poutine; LOC: Kremlin" into names.</summary>
    public static IEnumerable<(string, EntityType)> Parse(string spec)
    {
        foreach (var group in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            if (!EntityTypes.TryParse(group.AsSpan(0, colon).Trim(), out var type))
            {
                throw new ArgumentException($"Unknown type in '{group}'.", nameof(spec));
            }

            foreach (var name in group[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return (name, type);
            }
        }
    }
}

/// <summary>Pipelines for tests: the real tokenizer, sentences, linking and events over hand-placed mentions.</summary>
internal static class TestPipelines
{
    /// <summary>A pipeline whose recognizer tags exactly the names in <paramref name="spec"/> ("PER: A | B; LOC: C").</summary>
    public static NewsPipeline WithNames(string spec, bool events = true)
    {
        var builder = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Add(new GazetteerMentionStage(GazetteerMentionStage.Parse(spec))).UseLinking();
        return (events ? builder.UseEvents() : builder).Build();
    }

    /// <summary>Processes a text with hand-placed names.</summary>
    public static Document Process(string text, string spec, DateOnly? publicationDate = null) =>
        WithNames(spec).Process(text, new DocumentOptions { PublicationDate = publicationDate });
}
