using NewsNer.Internal;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Pipeline;

/// <summary>
/// Runs a pipeline over a text of any length in segments, so that its memory and the work of each stage are bounded by
/// the segment, not by the text. The tokens are streamed from the tokenizer and split into sentences as they come
/// (<see cref="SentenceStream"/>: the same sentences as for the whole text); consecutive sentences are gathered into
/// segments of at most <see cref="NewsPipeline.SegmentLength"/> characters, ended at a paragraph break when one falls in
/// the last quarter; the stages after the sentence stage run on each segment as on a document of its own, over the
/// whole text (offsets stay document-wide); <see cref="SegmentMerger"/> joins the results. Only the sentences, the
/// entities and the events of the whole text are kept, and the tokens when asked. A text of one segment gives exactly
/// what the stages give on the whole text.
/// </summary>
internal sealed class SegmentedRunner
{
    private readonly LanguageStage? _language;
    private readonly FrenchTokenizer _tokenizer;
    private readonly SentenceSplitter _splitter;
    private readonly IPipelineStage[] _downstream;
    private readonly int _segmentLength;

    private SegmentedRunner(LanguageStage? language, FrenchTokenizer tokenizer, SentenceSplitter splitter, IPipelineStage[] downstream, int segmentLength)
    {
        _language = language;
        _tokenizer = tokenizer;
        _splitter = splitter;
        _downstream = downstream;
        _segmentLength = segmentLength;
    }

    /// <summary>
    /// A runner for <paramref name="stages"/> when they start with the tokenizer and the sentence splitter, after the
    /// language stage or not (every pipeline that can be segmented); null otherwise.
    /// </summary>
    public static SegmentedRunner? For(IReadOnlyList<IPipelineStage> stages, int segmentLength = NewsPipeline.SegmentLength) => stages switch
    {
        [LanguageStage language, TokenizerStage tokenizer, SentenceStage sentences, ..] =>
            new SegmentedRunner(language, tokenizer.Tokenizer, sentences.Splitter, [.. stages.Skip(3)], segmentLength),
        [TokenizerStage tokenizer, SentenceStage sentences, ..] =>
            new SegmentedRunner(null, tokenizer.Tokenizer, sentences.Splitter, [.. stages.Skip(2)], segmentLength),
        _ => null,
    };

    /// <summary>The layers of the stages run on the whole text.</summary>
    private Annotations Upstream => Annotations.Tokens | Annotations.Sentences | (_language is null ? Annotations.None : Annotations.Language);

    /// <summary>The tokenizer of the pipeline (for documents that recompute their tokens).</summary>
    public FrenchTokenizer Tokenizer => _tokenizer;

    /// <summary>The result of a run: everything of the document but, unless asked, its tokens.</summary>
    public sealed class Result
    {
        public required Token[]? Tokens { get; init; }

        public required int TokenCount { get; init; }

        public required Sentence[] Sentences { get; init; }

        public required SegmentMerger Merger { get; init; }

        public required Annotations Done { get; init; }

        public required int Segments { get; init; }

        /// <summary>The language of the whole text (declared or identified once for the whole text).</summary>
        public required string Language { get; init; }

        public required List<DocumentWarning> Warnings { get; init; }
    }

    /// <summary>Runs every stage over <paramref name="text"/>, segment by segment.</summary>
    public Result Run(string text, DocumentOptions options, bool keepTokens, CancellationToken cancellationToken)
    {
        // The language is that of the whole text (the identifier scores at most 40 chunks spread over it: linear).
        var whole = new AnnotationState(text, options);
        LanguageStage.ApplyDeclared(whole);
        _language?.Run(whole, cancellationToken);
        // First pass: the wrapping width, which the sentence rules read for the whole text.
        var estimator = new SentenceSplitter.WrapWidthEstimator(text);
        var count = 0;
        foreach (var token in _tokenizer.EnumerateTokens(text))
        {
            estimator.Add(token);
            if ((++count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        // Second pass: tokens into sentences into segments, each segment run as soon as it is complete.
        var run = new SegmentRun(this, text, options, whole.Language, estimator.Width, keepTokens ? new List<Token>(count) : null, cancellationToken);
        foreach (var token in _tokenizer.EnumerateTokens(text))
        {
            run.Add(token);
        }

        run.Complete();
        return new Result
        {
            Tokens = run.AllTokens?.ToArray(),
            TokenCount = count,
            Sentences = run.Sentences.ToArray(),
            Merger = run.Merger,
            Done = run.Done,
            Segments = run.SegmentCount,
            Language = whole.Language,
            Warnings = whole.Warnings,
        };
    }

    /// <summary>The state of one run: the tokens and sentences not yet in a segment, and what the segments gave.</summary>
    private sealed class SegmentRun(SegmentedRunner runner, string text, DocumentOptions options, string language, int wrapWidth, List<Token>? allTokens, CancellationToken cancellationToken)
    {
        private readonly SentenceStream _sentences = new(runner._splitter, text, wrapWidth, cancellationToken);
        private readonly List<Sentence> _found = [];
        private Token[] _pending = new Token[1024];
        private int _pendingCount;
        private int _pendingFirst;
        private int _pendingSentence;
        private int _added;

        public List<Token>? AllTokens => allTokens;

        public ChunkedList<Sentence> Sentences { get; } = new();

        public SegmentMerger Merger { get; } = new();

        public Annotations Done { get; private set; } = runner.Upstream;

        public int SegmentCount { get; private set; }

        public void Add(Token token)
        {
            allTokens?.Add(token);
            if (_pendingCount == _pending.Length)
            {
                Array.Resize(ref _pending, _pending.Length * 2);
            }

            _pending[_pendingCount++] = token;
            _found.Clear();
            _sentences.Add(token, _found);
            AddSentences();
            if ((++_added & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public void Complete()
        {
            _found.Clear();
            _sentences.Complete(_found);
            AddSentences();
            while (_pendingSentence < Sentences.Count)
            {
                RunSegment(Sentences.Count);
            }
        }

        // New sentences join the pending segment; when it would pass the segment length, the segment runs.
        private void AddSentences()
        {
            foreach (var sentence in _found)
            {
                Sentences.Add(sentence);
                while (Sentences[Sentences.Count - 1].End - Sentences[_pendingSentence].Start > runner._segmentLength && Sentences.Count - 1 > _pendingSentence)
                {
                    RunSegment(EndOfSegment());
                }
            }
        }

        // Where the pending segment ends (exclusive sentence index): before the sentence that made it too long, or at a
        // paragraph break in the last quarter of the segment.
        private int EndOfSegment()
        {
            var end = Sentences.Count - 1;
            var start = Sentences[_pendingSentence].Start;
            for (var s = end; s > _pendingSentence + 1 && Sentences[s].Start - start >= runner._segmentLength * 3 / 4; s--)
            {
                var gap = text.AsSpan(Sentences[s - 1].End, Sentences[s].Start - Sentences[s - 1].End);
                if (SentenceSplitter.LineBreaks(gap, out _) >= 2)
                {
                    return s;
                }
            }

            return end;
        }

        private void RunSegment(int endSentence)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var firstSentence = _pendingSentence;
            var firstToken = Sentences[firstSentence].FirstToken;
            var endToken = Sentences[endSentence - 1].EndToken;
            var tokens = _pending.AsSpan(firstToken - _pendingFirst, endToken - firstToken).ToArray();
            var sentences = new Sentence[endSentence - firstSentence];
            for (var s = 0; s < sentences.Length; s++)
            {
                var sentence = Sentences[firstSentence + s];
                sentences[s] = sentence with { FirstToken = sentence.FirstToken - firstToken };
            }

            var state = new AnnotationState(text, options) { Language = language, Tokens = tokens, Sentences = sentences, Done = runner.Upstream };
            foreach (var stage in runner._downstream)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (language != Document.French && (stage.Produces & LanguageStage.FrenchOnly) != 0)
                {
                    // As in the whole-text pipeline: a text that is not French gets no entities or events.
                    continue;
                }

                stage.Run(state, cancellationToken);
                state.Done |= stage.Produces;
                if ((stage.Produces & Annotations.Entities) != 0)
                {
                    Merger.NameEntities(state);
                }
            }

            Merger.Add(state, firstToken, firstSentence);
            Done = state.Done;
            SegmentCount++;

            // Drop the segment's tokens from the pending ones.
            var used = endToken - _pendingFirst;
            _pending.AsSpan(used, _pendingCount - used).CopyTo(_pending);
            _pending.AsSpan(_pendingCount - used, used).Clear();
            _pendingCount -= used;
            _pendingFirst = endToken;
            _pendingSentence = endSentence;
        }
    }
}
