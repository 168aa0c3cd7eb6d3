using NewsNer.Entities;
using NewsNer.Events.Reading;

namespace NewsNer.Events.Candidates;

/// <summary>Where a candidate party of a meeting mention was found (several may hold).</summary>
[Flags]
internal enum PartySources : ushort
{
    None = 0,

    /// <summary>Named or described in the mention's sentence.</summary>
    Sentence = 1,

    /// <summary>Named or described in the mention's clause.</summary>
    Clause = 2,

    /// <summary>A party the clause rules found (subject, object, complements, pronouns resolved).</summary>
    RuleParty = 4,

    /// <summary>Accompanying a party (<c>accompagné de</c>).</summary>
    Delegation = 8,

    /// <summary>Present at the talks (<c>en présence de</c>, <c>sous l'égide de</c>).</summary>
    Present = 16,

    /// <summary>Named in the sentence before.</summary>
    PreviousSentence = 32,

    /// <summary>One of the two persons the document names most.</summary>
    Protagonist = 64,
}

/// <summary>An entity that may take part in a meeting mention, with what the rules and the text around say of it.</summary>
internal sealed class PartyCandidate
{
    public required int Entity { get; init; }

    public PartySources Sources { get; set; }

    /// <summary>The role the clause rules gave it, when they found it as a party.</summary>
    public ParticipantRole? RuleRole { get; set; }

    /// <summary>Its referent in the mention's sentence nearest the trigger, or null when it is named elsewhere.</summary>
    public Referent? Nearest { get; set; }

    /// <summary>Tokens from the trigger to <see cref="Nearest"/>: negative before the trigger, positive after.</summary>
    public int Offset { get; set; }

    /// <summary>Its referents in the mention's sentence.</summary>
    public int InSentence { get; set; }

    public override string ToString() => $"e{Entity + 1} {Sources} {RuleRole}";
}

/// <summary>
/// One meeting mention proposed by the rules (a trigger and its clause analysis) with every party, place and date
/// that may belong to it: the input of the learned decisions.
/// </summary>
internal sealed class MeetingCandidate
{
    public required MeetingMention Mention { get; init; }

    public List<PartyCandidate> Parties { get; } = [];

    /// <summary>Place referents of the mention's sentence (and the dateline), in text order.</summary>
    public List<Referent> Places { get; } = [];

    /// <summary>Date expressions of the mention's sentence (and the dateline's), in text order.</summary>
    public List<DateExpression> Dates { get; } = [];

    public override string ToString() => $"{Mention} candidates=[{string.Join(", ", Parties)}]";
}

/// <summary>Counts over the whole document that the decisions read: how often and where each entity is named.</summary>
internal sealed class DocumentStatistics
{
    private DocumentStatistics(int[] referents, int[] firstSentence, int[] rank, List<Referent> topPlaces)
    {
        Referents = referents;
        FirstSentence = firstSentence;
        Rank = rank;
        TopPlaces = topPlaces;
    }

    /// <summary>The first referent of each of the three places the document names most (cities and countries first named early).</summary>
    public List<Referent> TopPlaces { get; }

    /// <summary>Referents (names and descriptions) of each entity.</summary>
    public int[] Referents { get; }

    /// <summary>The sentence each entity is first named in (int.MaxValue when never).</summary>
    public int[] FirstSentence { get; }

    /// <summary>Rank of each person by <see cref="Referents"/> (1 = most named; 0 = not a person).</summary>
    public int[] Rank { get; }

    public static DocumentStatistics Of(EventDocumentIndex index)
    {
        var count = index.Entities.Count;
        var referents = new int[count];
        var first = Enumerable.Repeat(int.MaxValue, count).ToArray();
        foreach (var referent in index.Referents)
        {
            if (referent.Entity >= 0)
            {
                referents[referent.Entity]++;
                first[referent.Entity] = Math.Min(first[referent.Entity], referent.Sentence);
            }
        }

        var firstPlace = new Dictionary<int, Referent>();
        foreach (var referent in index.Referents)
        {
            if (referent.Entity >= 0 && referent.Type == EntityType.Location && !referent.CanParticipate && referent.Kind == ReferentKind.Name)
            {
                firstPlace.TryAdd(referent.Entity, referent);
            }
        }

        var topPlaces = firstPlace.OrderByDescending(p => referents[p.Key]).ThenBy(p => p.Value.Start).Take(3).Select(p => p.Value).ToList();
        var rank = new int[count];
        var persons = Enumerable.Range(0, count).Where(e => index.Entities[e].Type == EntityType.Person && referents[e] > 0)
            .OrderByDescending(e => referents[e]).ThenBy(e => first[e]).ToList();
        for (var i = 0; i < persons.Count; i++)
        {
            rank[persons[i]] = i + 1;
        }

        return new DocumentStatistics(referents, first, rank, topPlaces);
    }
}
