using System.Collections.Immutable;
using System.Globalization;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Internal;
using NewsNer.Internal.Phrases;

namespace NewsNer.Pipeline;

/// <summary>
/// Gathers the results of the segments of one long text (<see cref="SegmentedRunner"/>) into one document's entities and
/// events. An entity of a segment joins the entity of an earlier segment with the same type and the same canonical name
/// (compared without case or accents), so <c>Vladimir Poutine</c> is one entity wherever the text names
/// him in full; ids are document-wide (<c>e1</c>, <c>e2</c>, … in order of first mention; events <c>v1</c>, <c>v2</c>, …)
/// and given before the segment's events are extracted, so events name the document-wide entities. Mentions get
/// document-wide token and sentence indices. A text of one segment comes out exactly as the stages made it.
/// </summary>
internal sealed class SegmentMerger
{
    private readonly Dictionary<(EntityType Type, string Key), MergedEntity> _byKey = [];
    private readonly Dictionary<string, MergedEntity> _byId = new(StringComparer.Ordinal);
    private readonly List<MergedEntity> _entities = [];
    private readonly List<MeetingEvent> _events = [];
    private readonly ChunkedList<EntityMention> _mentions = new();

    /// <summary>The merged entities, in order of first mention, their mentions left in the segments' arrays.</summary>
    public List<CompactEntity> Entities() => [.. _entities.Select(e => e.ToCompact())];

    /// <summary>The events of every segment, numbered through the document.</summary>
    public List<MeetingEvent> Events => _events;

    /// <summary>The name mentions of every segment, for a pipeline that recognizes names but does not link them.</summary>
    public List<EntityMention> Mentions() => [.. _mentions.ToArray()];

    /// <summary>
    /// Gives the entities the linking stage just made for a segment their document-wide ids, in
    /// <paramref name="state"/>'s entity list and in its linking result (which the event stage reads).
    /// </summary>
    public void NameEntities(AnnotationState state)
    {
        var claimed = new HashSet<MergedEntity>(ReferenceEqualityComparer.Instance);
        var renamed = new Dictionary<string, Entity>(StringComparer.Ordinal);
        for (var i = 0; i < state.Entities.Count; i++)
        {
            var entity = state.Entities[i];
            var key = (entity.Type, TextFolding.Fold(entity.Canonical));

            // Two entities of one segment never merge: the linker kept them apart.
            if (!_byKey.TryGetValue(key, out var merged) || !claimed.Add(merged))
            {
                merged = new MergedEntity("e" + (_entities.Count + 1).ToString(CultureInfo.InvariantCulture));
                _entities.Add(merged);
                _byKey[key] = merged;
                _byId[merged.Id] = merged;
                claimed.Add(merged);
            }

            var named = entity.Id == merged.Id ? entity : WithId(entity, merged.Id);
            renamed[entity.Id] = named;
            state.Entities[i] = named;
        }

        if (state.Linking is { } linking)
        {
            for (var i = 0; i < linking.Entities.Count; i++)
            {
                if (renamed.TryGetValue(linking.Entities[i].Id, out var named))
                {
                    linking.Entities[i] = named;
                }
            }
        }
    }

    /// <summary>
    /// Adds a finished segment whose tokens start at <paramref name="firstToken"/> and whose sentences start at
    /// <paramref name="firstSentence"/> in the whole text.
    /// </summary>
    public void Add(AnnotationState state, int firstToken, int firstSentence)
    {
        if ((state.Done & Annotations.Entities) != 0)
        {
            foreach (var entity in state.Entities)
            {
                _byId[entity.Id].Add(entity, firstToken, firstSentence);
            }
        }
        else
        {
            foreach (var mention in state.Mentions)
            {
                _mentions.Add(CompactEntity.Shift(mention, firstToken, firstSentence));
            }
        }

        foreach (var meeting in state.Events)
        {
            var id = "v" + (_events.Count + 1).ToString(CultureInfo.InvariantCulture);
            _events.Add(meeting.Id == id ? meeting : meeting.WithId(id));
        }
    }

    /// <summary>
    /// A copy of <paramref name="entity"/> under another id. Every property is copied (a test lists them: a property added
    /// to <see cref="Entity"/> must be added here).
    /// </summary>
    internal static Entity WithId(Entity entity, string id) => new()
    {
        Id = id,
        Type = entity.Type,
        Canonical = entity.Canonical,
        Mentions = entity.Mentions,
        Roles = entity.Roles,
        Country = entity.Country,
        Kind = entity.Kind,
        ActorCode = entity.ActorCode,
        Confidence = entity.Confidence,
    };

    /// <summary>One document-wide entity, built from the entities of the segments that name it.</summary>
    private sealed class MergedEntity(string id)
    {
        private readonly List<MentionRun> _runs = [];
        private readonly List<string> _roles = [];
        private Entity? _first;
        private string? _country;
        private string? _kind;
        private string? _actorCode;
        private double _confidenceSum;
        private int _names;
        private int _mentions;
        private bool _wholeInFirstSegment;

        public string Id { get; } = id;

        public void Add(Entity entity, int firstToken, int firstSentence)
        {
            _first ??= entity;
            _country ??= entity.Country;
            _kind ??= entity.Kind;
            _actorCode ??= entity.ActorCode;

            // Packed, with indices relative to the segment: shifted as the mentions are read.
            _runs.Add(MentionRun.Create(entity.Mentions.AsSpan(), firstToken, firstSentence));
            _mentions += entity.Mentions.Length;
            _wholeInFirstSegment = _runs.Count == 1 && firstToken == 0 && firstSentence == 0;
            foreach (var mention in entity.Mentions)
            {
                if (mention.Kind == MentionKind.Name)
                {
                    // The mean confidence of the name mentions, summed in double as the linker does.
                    _confidenceSum += mention.Confidence;
                    _names++;
                }
            }

            foreach (var role in entity.Roles)
            {
                if (!_roles.Contains(role, StringComparer.Ordinal))
                {
                    _roles.Add(role);
                }
            }
        }

        public CompactEntity ToCompact()
        {
            var first = _first!;
            if (_wholeInFirstSegment)
            {
                // Found in one segment at the start of the text (every entity of a text of one segment): as the linker made it.
                return new CompactEntity(first);
            }

            return new CompactEntity(
                first,
                [.. _roles],
                _country,
                _kind,
                _actorCode,
                _names > 0 ? (float)(_confidenceSum / _names) : first.Confidence,
                _mentions,
                [.. _runs]);
        }
    }
}
