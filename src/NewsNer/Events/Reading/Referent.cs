using NewsNer.Entities;
using NewsNer.Entities.Linking;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Reading;

/// <summary>How a referent names what it refers to.</summary>
internal enum ReferentKind : byte
{
    /// <summary>A proper name, with the role descriptions around it (<c>le président russe Vladimir Poutine</c>).</summary>
    Name,

    /// <summary>A role description attached by linking to a named entity (<c>le président russe</c>).</summary>
    Nominal,

    /// <summary>A role description of someone the text never names (<c>l'émir du Koweït</c>, <c>les chefs des délégations</c>).</summary>
    Unnamed,

    /// <summary>"Les deux présidents", "ils": the parties already named.</summary>
    Pair,
}

/// <summary>
/// A stretch of tokens that refers to a person, organization or place: a name with its role descriptions, or a role
/// description alone. The event rules work on referents, never on raw mentions.
/// </summary>
internal sealed class Referent
{
    public int Start { get; set; }

    public int End { get; set; }

    /// <summary>Index into the document's entities, or -1.</summary>
    public int Entity { get; init; } = -1;

    public ReferentKind Kind { get; init; }

    public EntityType Type { get; init; }

    public bool Plural { get; init; }

    public string? Country { get; init; }

    public string? Function { get; init; }

    public int Sentence { get; init; }

    /// <summary>Whether the referent can take part in a meeting: a person, or an organization that acts (not a news outlet).</summary>
    public bool CanParticipate { get; init; }

    /// <summary>
    /// A country named as such (<c>Israël</c>, <c>l'Égypte</c>): a place, but a party in actor positions only (subject
    /// of a meeting verb, <c>entre X et Y</c>, <c>délégations de X</c>, <c>sous la médiation de X</c>).
    /// </summary>
    public bool IsState { get; init; }

    public override string ToString() => $"[{Start},{End}) {Kind} e{Entity} {Type}";

    /// <summary>Builds the referents of a linked document and the referent index of each token (-1 when none).</summary>
    public static (List<Referent> Referents, int[] At) Build(LinkingResult linking)
    {
        var view = linking.View;
        var entities = linking.Entities;
        var referents = new List<Referent>();
        var byMention = new int[linking.Mentions.Count];
        for (var m = 0; m < linking.Mentions.Count; m++)
        {
            var mention = linking.Mentions[m];
            var entityIndex = linking.MentionEntity[m];
            var entity = entities[entityIndex];
            byMention[m] = referents.Count;
            referents.Add(new Referent
            {
                Start = mention.FirstToken,
                End = mention.EndToken,
                Entity = entityIndex,
                Kind = ReferentKind.Name,
                Type = entity.Type,
                Country = entity.Country,
                Sentence = mention.Sentence,
                CanParticipate = ActsInMeetings(entity),
                IsState = entity.Type == EntityType.Location && entity.Kind == "country",
            });

            // "entre M. Sonko et ...": an honorific before the name belongs to the referent.
            for (var back = 1; back <= 2 && mention.FirstToken - back >= 0; back++)
            {
                if (view.SentenceOf[mention.FirstToken - back] == view.SentenceOf[mention.FirstToken]
                    && view.Lexicons.Honorifics.Longest(view.Ids, mention.FirstToken - back, out _) == back)
                {
                    referents[^1].Start = mention.FirstToken - back;
                    break;
                }
            }
        }

        for (var r = 0; r < linking.Roles.Count; r++)
        {
            var role = linking.Roles[r];
            if (role.Mention >= 0 && role.Attachment != RoleAttachment.Standalone)
            {
                // The description and its name are one referent: "son homologue syrien Ahmad al-Chaar".
                var referent = referents[byMention[role.Mention]];
                var mention = linking.Mentions[role.Mention];
                var adjacent = role.Attachment == RoleAttachment.PreModifier ? role.End >= mention.FirstToken - 2 : role.Start <= mention.EndToken + 2;
                if (adjacent)
                {
                    referent.Start = Math.Min(referent.Start, role.Start);
                    referent.End = Math.Max(referent.End, role.End);
                }

                continue;
            }

            var entityIndex = linking.RoleEntity[r];
            var pair = (role.Determiner & WordClass.Pair) != 0;

            // "les dirigeants du Hamas", "le porte-parole de l'ONU": someone unnamed speaking for a named organization.
            if (entityIndex < 0 && role.AffiliationMention >= 0 && !pair)
            {
                var organization = linking.MentionEntity[role.AffiliationMention];
                referents.Add(new Referent
                {
                    Start = role.Start,
                    End = role.End,
                    Entity = organization,
                    Kind = ReferentKind.Nominal,
                    Type = entities[organization].Type,
                    Plural = role.Role.Plural,
                    Country = entities[organization].Country,
                    Function = role.Function,
                    Sentence = role.Sentence,
                    CanParticipate = ActsInMeetings(entities[organization]),
                });
                continue;
            }

            referents.Add(new Referent
            {
                Start = role.Start,
                End = role.End,
                Entity = entityIndex,
                Kind = pair ? ReferentKind.Pair : entityIndex >= 0 ? ReferentKind.Nominal : ReferentKind.Unnamed,
                Type = EntityType.Person,
                Plural = role.Role.Plural || (role.Determiner & WordClass.DetPlural) != 0,
                Country = role.Country ?? (entityIndex >= 0 ? entities[entityIndex].Country : null),
                Function = role.Function,
                Sentence = role.Sentence,
                CanParticipate = !role.Role.Generic || role.Country is not null || pair,
            });
        }

        referents.Sort((a, b) => a.Start.CompareTo(b.Start));
        var at = Enumerable.Repeat(-1, view.Count).ToArray();
        for (var i = 0; i < referents.Count; i++)
        {
            for (var t = referents[i].Start; t < referents[i].End && t < at.Length; t++)
            {
                if (at[t] < 0)
                {
                    at[t] = i;
                }
            }
        }

        return (referents, at);
    }

    private static bool ActsInMeetings(Entity entity) => entity.Type switch
    {
        EntityType.Person => true,
        EntityType.Organization => entity.Kind is not ("news_agency" or "media" or "platform" or "company" or "court" or "university"),
        _ => false,
    };
}
