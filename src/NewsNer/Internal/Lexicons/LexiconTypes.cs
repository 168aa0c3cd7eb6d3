namespace NewsNer.Internal.Lexicons;

/// <summary>Grammatical classes of French function words (<c>Resources/fr/grammar/function-words.tsv</c>).</summary>
[Flags]
internal enum WordClass : long
{
    None = 0,
    DetDef = 1L << 0,
    DetIndef = 1L << 1,
    DetPoss = 1L << 2,
    DetDem = 1L << 3,
    DetPlural = 1L << 4,
    De = 1L << 5,
    A = 1L << 6,
    En = 1L << 7,
    Dans = 1L << 8,
    Chez = 1L << 9,
    Par = 1L << 10,
    Avec = 1L << 11,
    Entre = 1L << 12,
    Sur = 1L << 13,
    Pour = 1L << 14,
    Vers = 1L << 15,
    Depuis = 1L << 16,
    Devant = 1L << 17,
    Locative = 1L << 18,
    Coord = 1L << 19,
    Relative = 1L << 20,
    Subordinator = 1L << 21,
    Source = 1L << 22,
    NegNe = 1L << 23,
    NegAdv = 1L << 24,
    NegDet = 1L << 25,
    Without = 1L << 26,
    Reflexive = 1L << 27,
    SubjectPronoun = 1L << 28,
    AuxAvoir = 1L << 29,
    AuxEtre = 1L << 30,
    Aller = 1L << 31,
    TPresent = 1L << 32,
    TImperfect = 1L << 33,
    TFuture = 1L << 34,
    TConditional = 1L << 35,
    TSimplePast = 1L << 36,
    TParticiple = 1L << 37,
    TInfinitive = 1L << 38,
    Adverb = 1L << 39,
    Pair = 1L << 40,
    Enumeration = 1L << 41,
    TimePreposition = 1L << 42,

    Determiner = DetDef | DetIndef | DetPoss | DetDem,
    Preposition = De | A | En | Dans | Chez | Par | Avec | Entre | Sur | Pour | Vers | Depuis | Devant | Source | TimePreposition,
    Auxiliary = AuxAvoir | AuxEtre,
    Tense = TPresent | TImperfect | TFuture | TConditional | TSimplePast | TParticiple | TInfinitive,
}

/// <summary>A role or title (<c>Resources/fr/linking/roles.tsv</c>).</summary>
internal sealed record RoleEntry(string Phrase, string Function, string? Sector, bool Plural, bool Counterpart, bool Generic)
{
    /// <summary>The singular phrase of a plural role (chefs d'État → chef d'État), for labels; the phrase itself otherwise.</summary>
    public string Singular { get; init; } = Phrase;
}

/// <summary>A word that changes what a role denotes (<c>ancien</c>, <c>par intérim</c>).</summary>
internal enum RoleModifier : byte
{
    Former,
    Acting,
    Elect,
}

/// <summary>A named place: a country, a city, a region, a building.</summary>
/// <param name="Kind">country, city, region, continent, building; null when the source does not say (the places of the CAMEO actors).</param>
/// <param name="Country">ISO 3166-1 alpha-2, or null.</param>
/// <param name="ActorCode">CAMEO code: the country's code for a country, the government's for a seat of power.</param>
/// <param name="IsCapital">Whether a city is its country's capital.</param>
internal sealed record PlaceEntry(string? Kind, string? Country, string? ActorCode, bool IsCapital = false);

/// <summary>A known organization (<c>Resources/fr/linking/organizations.tsv</c>).</summary>
internal sealed record OrganizationEntry(string Group, string Kind, string? Country, string? ActorCode);

/// <summary>A noun heading an organization name and the kind and sector it gives.</summary>
internal sealed record OrganizationHead(string Kind, string? Sector);
