using System.Collections.Immutable;

namespace NewsNer.Events;

/// <summary>An entity taking part in a meeting, by its <see cref="Entities.Entity.Id"/>.</summary>
/// <param name="EntityId">The participating entity.</param>
/// <param name="Role">Its part in the meeting.</param>
public readonly record struct EventParticipant(string EntityId, ParticipantRole Role);

/// <summary>A phrase of the text that fills an event argument, with the entity it names when there is one.</summary>
/// <param name="Text">The phrase as written.</param>
/// <param name="Start">UTF-16 index of its first character (inclusive).</param>
/// <param name="End">UTF-16 index just past its last character (exclusive).</param>
/// <param name="EntityId">The entity it names, or null.</param>
public sealed record EventArgument(string Text, int Start, int End, string? EntityId = null);

/// <summary>When a meeting takes place: the expression in the text and its value resolved against the publication date.</summary>
/// <param name="Text">The date expression as written (<c>mercredi</c>, <c>le 15 octobre</c>, <c>la semaine prochaine</c>).</param>
/// <param name="Start">UTF-16 index of its first character (inclusive).</param>
/// <param name="End">UTF-16 index just past its last character (exclusive).</param>
/// <param name="Value">
/// ISO 8601 value: a day (<c>2025-10-15</c>), a month (<c>2025-10</c>), a year (<c>2025</c>) or a week (<c>2025-W43</c>);
/// null when it cannot be resolved (no publication date, or a vague expression).
/// </param>
public sealed record EventDate(string Text, int Start, int End, string? Value);

/// <summary>A CAMEO event code between a source actor and a target actor.</summary>
/// <param name="Code">The CAMEO code (<c>040</c>–<c>046</c>, <c>036</c>).</param>
/// <param name="SourceEntityId">The acting entity.</param>
/// <param name="TargetEntityId">The entity acted upon.</param>
/// <param name="SourceActor">The source's CAMEO actor code (<c>SYRGOV</c>), when known.</param>
/// <param name="TargetActor">The target's CAMEO actor code (<c>RUSGOV</c>), when known.</param>
public sealed record CameoCode(string Code, string? SourceEntityId, string? TargetEntityId, string? SourceActor, string? TargetActor);

/// <summary>A PLOVER event coding: category <c>CONSULT</c> with its mode, actor and recipient.</summary>
/// <param name="Category">The PLOVER category (<c>CONSULT</c>).</param>
/// <param name="Mode">The mode: <c>visit</c>, <c>phone</c>, <c>third-party</c>, <c>multilateral</c>, or null for an unqualified meeting.</param>
/// <param name="ActorEntityId">The acting entity.</param>
/// <param name="RecipientEntityId">The recipient entity.</param>
/// <param name="Actor">The actor's code, when known.</param>
/// <param name="Recipient">The recipient's code, when known.</param>
public sealed record PloverCode(string Category, string? Mode, string? ActorEntityId, string? RecipientEntityId, string? Actor, string? Recipient);

/// <summary>
/// A diplomatic meeting stated by the text: who met whom (with host and guest when the text frames a visit), the
/// delegation, where, when, about what, how sure, and its codes in CAMEO and PLOVER. Mentions of the same encounter in
/// several sentences are merged into one event.
/// </summary>
public sealed class MeetingEvent
{
    /// <summary>Document-local identifier (<c>v1</c>, <c>v2</c>, …).</summary>
    public required string Id { get; init; }

    /// <summary>The event type; always <c>MEETING</c> for this class.</summary>
    public string Type => "MEETING";

    /// <summary>The kind of meeting.</summary>
    public required MeetingSubtype Subtype { get; init; }

    /// <summary>Reported, planned or past.</summary>
    public required EventStatus Status { get; init; }

    /// <summary>The named participants with their roles.</summary>
    public required ImmutableArray<EventParticipant> Participants { get; init; }

    /// <summary>Entities accompanying a participant (<c>accompagné de …</c>) without being named as parties to the talks.</summary>
    public ImmutableArray<string> Delegation { get; init; } = [];

    /// <summary>The main place (the most specific one: venue, then city, then country), or null.</summary>
    public EventArgument? Location { get; init; }

    /// <summary>Every place phrase given for the meeting, most specific first (<c>Kremlin</c>, <c>Moscou</c>).</summary>
    public ImmutableArray<EventArgument> Places { get; init; } = [];

    /// <summary>When the meeting took or will take place, or null.</summary>
    public EventDate? Date { get; init; }

    /// <summary>What was or will be discussed (<c>portant sur …</c>, <c>discuteront du sort de …</c>).</summary>
    public ImmutableArray<EventArgument> Topics { get; init; } = [];

    /// <summary>The trigger phrase (<c>a accueilli</c>, <c>s'est entretenu</c>, <c>conversation téléphonique</c>), or null.</summary>
    public EventArgument? Trigger { get; init; }

    /// <summary>The sentences that state the meeting, in text order.</summary>
    public required ImmutableArray<TextSpan> Evidence { get; init; }

    /// <summary>How sure the extractor is that this meeting is stated, in [0, 1].</summary>
    public required float Confidence { get; init; }

    /// <summary>CAMEO codes (a visit yields the reciprocal pair 042 visitor→host and 043 host→visitor).</summary>
    public ImmutableArray<CameoCode> Cameo { get; init; } = [];

    /// <summary>The PLOVER coding.</summary>
    public PloverCode? Plover { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Type}/{Subtype} {Status} ({Participants.Length} participants)";

    /// <summary>This event under another id (a document's events renumbered).</summary>
    internal MeetingEvent WithId(string id) => Copy(id, Cameo, Plover);

    /// <summary>This event with its CAMEO and PLOVER codes (coded once its other properties are known).</summary>
    internal MeetingEvent WithCodes(ImmutableArray<CameoCode> cameo, PloverCode? plover) => Copy(Id, cameo, plover);

    // Every property is copied here and only here (a test lists them: a property added to the class must be added here).
    private MeetingEvent Copy(string id, ImmutableArray<CameoCode> cameo, PloverCode? plover) => new()
    {
        Id = id,
        Subtype = Subtype,
        Status = Status,
        Participants = Participants,
        Delegation = Delegation,
        Location = Location,
        Places = Places,
        Date = Date,
        Topics = Topics,
        Trigger = Trigger,
        Evidence = Evidence,
        Confidence = Confidence,
        Cameo = cameo,
        Plover = plover,
    };
}
