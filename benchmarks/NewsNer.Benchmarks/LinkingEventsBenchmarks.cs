using BenchmarkDotNet.Attributes;
using NewsNer.Entities.Linking;
using NewsNer.Events;
using NewsNer.Pipeline;

namespace NewsNer.Benchmarks;

/// <summary>
/// Entity linking and meeting-event extraction alone, on documents whose tokens, sentences and name mentions were
/// computed beforehand by the default pipeline's own stages: linking (clusters, attributes, nominal mentions), then
/// linking followed by events, one call per article.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class LinkingEventsBenchmarks : ITokenThroughput
{
    private PreparedDocument[] _documents = [];
    private EntityLinkerStage _linking = null!;
    private MeetingEventStage _events = null!;
    private MeetingEventStage _ruleEvents = null!;

    /// <summary>The input: the sample article, or the 1 MB corpus as about 300 articles.</summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Articles)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _documents = PreparedDocument.Prepare(BenchmarkInputs.Documents(Input), Annotations.Mentions);
        _linking = PreparedDocument.Stage<EntityLinkerStage>();
        _events = PreparedDocument.Stage<MeetingEventStage>();
        _ruleEvents = new MeetingEventStage(NewsNer.Events.Candidates.MeetingExtractor.Default, model: null);
    }

    /// <summary>Linking only.</summary>
    [Benchmark(Baseline = true, Description = "linking")]
    public int Linking()
    {
        var entities = 0;
        foreach (var document in _documents)
        {
            var state = document.NewState(Annotations.Tokens | Annotations.Sentences | Annotations.Mentions);
            _linking.Run(state, CancellationToken.None);
            entities += state.Entities.Count;
        }

        return entities;
    }

    /// <summary>Linking, then events with the learned decisions, as the pipeline runs them.</summary>
    [Benchmark(Description = "linking + events")]
    [BenchmarkCategory("ci")]
    public int LinkingAndEvents() => Run(_events);

    /// <summary>Linking, then events by the rules alone (the method the learned decisions replaced).</summary>
    [Benchmark(Description = "linking + events (rules)")]
    public int LinkingAndRuleEvents() => Run(_ruleEvents);

    private int Run(MeetingEventStage events)
    {
        var found = 0;
        foreach (var document in _documents)
        {
            var state = document.NewState(Annotations.Tokens | Annotations.Sentences | Annotations.Mentions);
            _linking.Run(state, CancellationToken.None);
            events.Run(state, CancellationToken.None);
            found += state.Events.Count + state.Entities.Count;
        }

        return found;
    }

    /// <summary>Both methods go over every token of the input.</summary>
    public static long TokensPerInvocation(string method, string input) => PreparedDocument.CountTokens(BenchmarkInputs.Documents(input));
}
