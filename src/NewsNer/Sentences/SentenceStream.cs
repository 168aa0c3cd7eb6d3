using NewsNer.Tokenization;

namespace NewsNer.Sentences;

/// <summary>
/// Splits a stream of tokens into sentences without holding them all: tokens are added one by one, in text order, and
/// each sentence comes out as soon as it is certain, with token indices counted from the first token added. The
/// sentences are exactly those <see cref="SentenceSplitter.Split(string, ReadOnlySpan{Token})"/> returns for the same
/// tokens, provided <c>wrapWidth</c> is the one <see cref="SentenceSplitter.WrapWidthEstimator"/> gives for the whole
/// text. Holds about <see cref="ChunkTokens"/> tokens. One instance per text, not thread-safe.
/// </summary>
internal sealed class SentenceStream
{
    /// <summary>Tokens buffered before they are split.</summary>
    public const int ChunkTokens = 8192;

    private readonly SentenceSplitter _splitter;
    private readonly string _text;
    private readonly int _wrapWidth;
    private readonly CancellationToken _cancellationToken;
    private Token[] _buffer = new Token[ChunkTokens];
    private int _count;
    private int _offset;
    private SentenceSplitter.SplitState _state;
    private bool _started;

    public SentenceStream(SentenceSplitter splitter, string text, int wrapWidth, CancellationToken cancellationToken)
    {
        _splitter = splitter;
        _text = text;
        _wrapWidth = wrapWidth;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Adds the next token; the sentences it completes are added to <paramref name="output"/>.</summary>
    public void Add(Token token, List<Sentence> output)
    {
        if (_count == _buffer.Length)
        {
            Split(output, final: false);
        }

        _buffer[_count++] = token;
    }

    /// <summary>Ends the stream: the last sentences are added to <paramref name="output"/>.</summary>
    public void Complete(List<Sentence> output)
    {
        if (_count > 0)
        {
            Split(output, final: true);
            _offset += _count;
            _count = 0;
        }
    }

    private void Split(List<Sentence> output, bool final)
    {
        if (!_started)
        {
            _started = true;
            _state = new SentenceSplitter.SplitState(SentenceSplitter.LineStartBefore(_text, _buffer[0].Start));
        }

        _splitter.SplitCore(_text, _buffer.AsSpan(0, _count), _offset, _wrapWidth, final, ref _state, output, _cancellationToken);
        if (final)
        {
            return;
        }

        // Keep the sentence under way (at most MaxTokens tokens plus the lookahead), drop the rest.
        var keep = _state.First;
        _buffer.AsSpan(keep, _count - keep).CopyTo(_buffer);
        _buffer.AsSpan(_count - keep, keep).Clear();
        _count -= keep;
        _offset += keep;
        _state.Next -= keep;
        _state.First = 0;
        if (_count == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
