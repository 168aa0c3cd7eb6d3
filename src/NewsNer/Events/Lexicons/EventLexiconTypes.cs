namespace NewsNer.Events.Lexicons;

/// <summary>Verb tenses and moods that matter for the status of a meeting.</summary>
internal enum VerbTense : byte
{
    Present,
    Imperfect,
    SimplePast,
    Future,
    Conditional,
    Subjunctive,
    PastParticiple,
    PresentParticiple,
    Infinitive,
}

/// <summary>Who is who around a meeting verb (<c>verbs.tsv</c>).</summary>
internal enum VerbFrame : byte
{
    /// <summary>Subject and object (or <c>avec</c>-complement) are peers.</summary>
    Meet,

    /// <summary>The subject receives the object; in the passive the <c>par</c>-agent receives the subject.</summary>
    Host,

    /// <summary>The subject travels to a place.</summary>
    Visit,

    /// <summary>The subject calls the object.</summary>
    Call,

    /// <summary>A plural subject meets together.</summary>
    Gather,
}

/// <summary>How surely a trigger alone states a meeting.</summary>
internal enum TriggerStrength : byte
{
    Weak,
    Medium,
    Strong,
}

/// <summary>Constraints of a meeting verb.</summary>
[Flags]
internal enum VerbFlags : byte
{
    None = 0,
    Reflexive = 1,
    NoReflexive = 2,
    PersonObject = 4,
    Destination = 8,
    Avec = 16,

    /// <summary>States an expected meeting, not one that took place (<c>X est attendu à Dakar</c>).</summary>
    Prospective = 32,
}

/// <summary>Properties of a meeting noun.</summary>
[Flags]
internal enum NounFlags : byte
{
    None = 0,
    Count = 1,
    Plural = 2,
    Talks = 4,
    Phone = 8,
    Summit = 16,
    Visit = 32,
}

/// <summary>A meeting trigger: a form of a meeting verb or a meeting noun phrase.</summary>
internal sealed record Trigger(
    string Lemma,
    bool IsVerb,
    MeetingSubtype Subtype,
    TriggerStrength Strength,
    VerbFrame Frame,
    VerbFlags VerbFlags,
    VerbTense Tense,
    NounFlags NounFlags)
{
    /// <summary>The form as written in the lexicon, lower case with its accents (rencontré vs rencontre), for choosing the reading.</summary>
    public string Form { get; init; } = string.Empty;
}

/// <summary>Classes of the words around a trigger (<c>Resources/fr/events/cues.tsv</c>).</summary>
internal enum CueClass : byte
{
    Planned,
    Past,
    Cancel,
    Topic,
    TopicNounPhrase,
    TopicDe,
    Delegation,
    Mediator,
    Invitation,
    Interview,
    Margin,
    SummitVerb,
    Phone,
    Vague,
    Field,
    Again,

    /// <summary>A group acting for the party named after it (« des délégations du Hamas et d'Israël »).</summary>
    PartyGroup,
}

/// <summary>Kinds of French date words (<c>Resources/fr/dates/dates.tsv</c>).</summary>
internal enum DateWordKind : byte
{
    Weekday,
    Month,
    RelativeDay,
    RelativeWeek,
    RelativeMonth,
    RelativeYear,
    Next,
    Last,
    PartOfDay,
    MonthPart,
    VagueFuture,
    VaguePast,
    Ago,
    UnitDay,
    UnitWeek,
    UnitMonth,
    UnitYear,
    Number,

    /// <summary>An offset in days from the news event the text narrates, not from publication (la veille, le lendemain).</summary>
    RelativeToEvent,
}

/// <summary>A date word and its value (day of week, month number, offset).</summary>
internal readonly record struct DateWord(DateWordKind Kind, int Value);

/// <summary>A form of a verb that carries a meeting noun, with its tense and whether its subject hosts rather than takes part.</summary>
internal sealed record LightVerbForm(string Lemma, VerbTense Tense, bool Hosts, string Form);
