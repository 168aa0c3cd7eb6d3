using NewsNer.Entities;

namespace NewsNer.Pipeline;

/// <summary>
/// The mentions one segment found for one entity, kept for a <see cref="CompactEntity"/> in 20 bytes each instead of
/// the 32 of an <see cref="EntityMention"/>: token and sentence indices are stored relative to the segment, and the
/// token count, type and kind share one word (a mention lies inside one sentence, so it has at most
/// <see cref="Sentences.SentenceSplitter.MaxTokens"/> tokens). A million mentions of one name in a long text then cost
/// 20 MB, not 32. Mentions that do not fit (none from the pipeline) are kept as they are.
/// </summary>
internal readonly struct MentionRun
{
    private const int SentenceShift = 11;
    private readonly Packed[]? _packed;
    private readonly EntityMention[]? _plain;
    private readonly int _firstToken;
    private readonly int _firstSentence;

    private MentionRun(Packed[]? packed, EntityMention[]? plain, int firstToken, int firstSentence)
    {
        _packed = packed;
        _plain = plain;
        _firstToken = firstToken;
        _firstSentence = firstSentence;
    }

    /// <summary>The number of mentions.</summary>
    public int Count => _packed?.Length ?? _plain?.Length ?? 0;

    /// <summary>Stores the mentions of a segment whose tokens and sentences start at the given document-wide indices.</summary>
    public static MentionRun Create(ReadOnlySpan<EntityMention> mentions, int firstToken, int firstSentence)
    {
        var packed = new Packed[mentions.Length];
        for (var i = 0; i < mentions.Length; i++)
        {
            var m = mentions[i];
            if (m.TokenCount is < 1 or > 256 || (uint)m.Type > 3 || (uint)m.Kind > 1 || (uint)m.Sentence >= 1u << (32 - SentenceShift) || m.FirstToken < 0)
            {
                return new MentionRun(null, ShiftAll(mentions, firstToken, firstSentence), 0, 0);
            }

            packed[i] = new Packed(m.Start, m.End, BitConverter.SingleToInt32Bits(m.Confidence), m.FirstToken,
                (m.TokenCount - 1) | ((int)m.Type << 8) | ((int)m.Kind << 10) | (m.Sentence << SentenceShift));
        }

        return new MentionRun(packed, null, firstToken, firstSentence);
    }

    /// <summary>The mentions, with document-wide indices.</summary>
    public IEnumerable<EntityMention> Enumerate()
    {
        if (_plain is not null)
        {
            foreach (var mention in _plain)
            {
                yield return mention;
            }

            yield break;
        }

        foreach (var p in _packed ?? [])
        {
            yield return new EntityMention(
                p.Start,
                p.End,
                _firstToken + p.FirstToken,
                (p.Rest & 0xFF) + 1,
                (EntityType)((p.Rest >> 8) & 3),
                _firstSentence + (int)((uint)p.Rest >> SentenceShift),
                BitConverter.Int32BitsToSingle(p.Confidence),
                (MentionKind)((p.Rest >> 10) & 1));
        }
    }

    private static EntityMention[] ShiftAll(ReadOnlySpan<EntityMention> mentions, int firstToken, int firstSentence)
    {
        var shifted = new EntityMention[mentions.Length];
        for (var i = 0; i < mentions.Length; i++)
        {
            shifted[i] = CompactEntity.Shift(mentions[i], firstToken, firstSentence);
        }

        return shifted;
    }

    private readonly record struct Packed(int Start, int End, int Confidence, int FirstToken, int Rest);
}
