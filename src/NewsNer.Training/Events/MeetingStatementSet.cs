using NewsNer.Events;
using NewsNer.Pipeline;

namespace NewsNer.Training.Events;

/// <summary>What a sentence says about the one meeting it may state.</summary>
public enum StatementLabel
{
    /// <summary>No meeting (none stated, or negated, cancelled, denied, an interview, a count).</summary>
    None,

    /// <summary>A meeting reported as the news.</summary>
    Reported,

    /// <summary>A meeting announced, expected or proposed.</summary>
    Planned,

    /// <summary>A meeting mentioned as background.</summary>
    Past,
}

/// <summary>One labelled sentence of a statement set.</summary>
/// <param name="Label">What the sentence says about its meeting.</param>
/// <param name="Text">The sentence.</param>
public sealed record MeetingStatement(StatementLabel Label, string Text);

/// <summary>
/// French sentences labelled reported / planned / past / none, with the names a perfect recognizer would tag in them
/// (file format: a <c>names:</c> line "PER: A | B; LOC: C", then <c>label&lt;TAB&gt;sentence</c> lines; <c>#</c> comments).
/// </summary>
public sealed class MeetingStatementSet
{
    private MeetingStatementSet(string names, List<MeetingStatement> statements)
    {
        Names = names;
        Statements = statements;
    }

    /// <summary>The names to tag, as "PER: A | B; LOC: C".</summary>
    public string Names { get; }

    /// <summary>The labelled sentences, in file order.</summary>
    public IReadOnlyList<MeetingStatement> Statements { get; }

    /// <summary>Reads a statement set.</summary>
    /// <exception cref="FormatException">A line has no label, an unknown label, or the names line is missing.</exception>
    public static MeetingStatementSet Load(string path)
    {
        string? names = null;
        var statements = new List<MeetingStatement>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                throw new FormatException($"{path}: '{line}' has no tab between label and sentence.");
            }

            var key = line[..tab];
            var value = line[(tab + 1)..].Trim();
            if (key == "names:")
            {
                names = value;
                continue;
            }

            if (!Enum.TryParse<StatementLabel>(key, ignoreCase: true, out var label))
            {
                throw new FormatException($"{path}: unknown label '{key}' (reported, planned, past or none).");
            }

            statements.Add(new MeetingStatement(label, value));
        }

        return new MeetingStatementSet(names ?? throw new FormatException($"{path}: no 'names:' line."), statements);
    }

    /// <summary>The pipeline that reads the set: the library's tokenizer, linking and the event rules over the listed names.</summary>
    public NewsPipeline CreatePipeline() =>
        NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Add(new NameListStage(NameListStage.Parse(Names))).UseLinking().UseEvents(model: null).Build();

    /// <summary>What the rules say about a sentence: none without an event, else the status of its first event.</summary>
    public static StatementLabel RuleLabel(Document document) =>
        document.Events.IsEmpty
            ? StatementLabel.None
            : document.Events[0].Status switch
            {
                EventStatus.Planned => StatementLabel.Planned,
                EventStatus.Past => StatementLabel.Past,
                _ => StatementLabel.Reported,
            };
}
