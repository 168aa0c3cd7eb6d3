namespace NewsNer.Events;

/// <summary>
/// The kind of diplomatic meeting (definitions in the annotation guide). JSON writes them in snake case:
/// <c>meet</c>, <c>host_visit</c>, <c>make_visit</c>, <c>third_location</c>, <c>phone_call</c>, <c>summit</c>, <c>negotiation</c>.
/// </summary>
public enum MeetingSubtype : byte
{
    /// <summary>Any other bilateral meeting, or one whose place is not stated.</summary>
    Meet,

    /// <summary>A bilateral meeting framed as one party receiving the other (<c>reçoit</c>, <c>accueille</c>).</summary>
    HostVisit,

    /// <summary>A meeting framed as the visitor's trip (<c>se rend</c>, <c>en visite</c>), with no reception verb.</summary>
    MakeVisit,

    /// <summary>A bilateral meeting on ground that is home to neither party.</summary>
    ThirdLocation,

    /// <summary>A telephone or video conversation.</summary>
    PhoneCall,

    /// <summary>A multilateral gathering of leaders.</summary>
    Summit,

    /// <summary>Talks or negotiations between delegations, often with a mediator.</summary>
    Negotiation,
}

/// <summary>Whether the meeting is the article's news, announced for later, or mentioned as background.</summary>
public enum EventStatus : byte
{
    /// <summary>The article's current news, including ongoing visits.</summary>
    Reported,

    /// <summary>Announced, expected or proposed (<c>va rencontrer</c>, <c>doit se rendre</c>).</summary>
    Planned,

    /// <summary>An earlier meeting mentioned as background (<c>s'étaient rencontrés</c>).</summary>
    Past,
}

/// <summary>A participant's part in a meeting.</summary>
public enum ParticipantRole : byte
{
    /// <summary>Took part, with no host or guest framing.</summary>
    Participant,

    /// <summary>Received the other party.</summary>
    Host,

    /// <summary>Was received or made the visit.</summary>
    Guest,

    /// <summary>Facilitated talks between other parties.</summary>
    Mediator,
}
