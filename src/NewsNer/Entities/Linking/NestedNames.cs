using System.Globalization;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Entities.Linking;

/// <summary>
/// Names nested at the end of a longer name (<c>Shanghai</c> in <c>Organisation de coopération de Shanghai</c>), which
/// the news guide lists apart: found after linking and added to the entities. Immutable and thread-safe.
/// </summary>
internal sealed class NestedNames(FrenchLexicons lexicons)
{
    /// <summary>
    /// Names nested at the end of a longer name, as the news guide lists them apart: a known place or organization after
    /// the last "de" of an organization, place or event name (<c>Organisation de coopération de [Shanghai]</c>,
    /// <c>Conseil de sécurité des [Nations unies]</c>, <c>hôtel de ville d'[Oslo]</c>, <c>Convention de [Vienne]</c>),
    /// not inside a country's official name (<c>République du Sénégal</c> is one name). Known: a place or an
    /// organization of the lexicons, named exactly.
    /// </summary>
    public List<EntityMention> Find(LexicalView view, List<EntityMention> mentions)
    {
        var nested = new List<EntityMention>();
        foreach (var mention in mentions)
        {
            if (mention.Type == EntityType.Person || mention.TokenCount < 3 || mention.Kind != MentionKind.Name
                || lexicons.Places.Longest(view.Ids, mention.FirstToken, p => p.Kind == "country", out _) == mention.TokenCount)
            {
                continue;
            }

            for (var k = mention.FirstToken + 1; k < mention.EndToken - 1; k++)
            {
                if (!view.Is(k, WordClass.De) || view.ClassLengths[k] == 0)
                {
                    continue;
                }

                var after = k + view.ClassLengths[k];
                var length = mention.EndToken - after;
                if (length <= 0 || !view.IsCapitalized(after))
                {
                    continue;
                }

                var type = lexicons.Places.Longest(view.Ids, after, out _) == length ? EntityType.Location
                    : lexicons.Organizations.Longest(view.Ids, after, out _) == length ? EntityType.Organization
                    : (EntityType?)null;
                if (type is { } found)
                {
                    nested.Add(new EntityMention(view.Tokens[after].Start, mention.End, after, length, found, mention.Sentence, mention.Confidence));
                    break;
                }
            }
        }

        return nested;
    }

    /// <summary>
    /// Adds the nested names to the entities: a nested name joins the entity that has the same name (up to case, accents
    /// and particles), the same country or the same known organization; otherwise it is an entity of its own, after the
    /// others (its mentions lie inside another entity's).
    /// </summary>
    public void AddTo(LexicalView view, LinkingResult result, List<EntityMention> nested)
    {
        var entities = result.Entities;
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < entities.Count; e++)
        {
            foreach (var mention in entities[e].Mentions)
            {
                if (mention.Kind == MentionKind.Name)
                {
                    foreach (var key in Keys(view, mention))
                    {
                        byKey.TryAdd(key, e);
                    }
                }
            }
        }

        var added = new Dictionary<int, List<EntityMention>>();
        foreach (var mention in nested)
        {
            var keys = Keys(view, mention);
            var target = -1;
            foreach (var key in keys)
            {
                if (byKey.TryGetValue(key, out target))
                {
                    break;
                }

                target = -1;
            }

            if (target < 0)
            {
                var text = view.Text[mention.Start..mention.End];
                target = entities.Count;
                var place = mention.Type == EntityType.Location && lexicons.Places.Longest(view.Ids, mention.FirstToken, out var places) == mention.TokenCount ? places[0] : null;
                var organization = mention.Type == EntityType.Organization && lexicons.Organizations.Longest(view.Ids, mention.FirstToken, out var organizations) == mention.TokenCount ? organizations[0] : null;
                entities.Add(new Entity
                {
                    Id = "e" + (target + 1).ToString(CultureInfo.InvariantCulture),
                    Type = mention.Type,
                    Canonical = text,
                    Mentions = [],
                    Kind = place?.Kind ?? organization?.Kind,
                    Country = place?.Country ?? organization?.Country,
                    ActorCode = place?.ActorCode ?? organization?.ActorCode
                        ?? (place is { Kind: "country", Country: { } iso } && lexicons.CountryCodes.TryGetValue(iso, out var code) ? code : null),
                    Confidence = mention.Confidence,
                });
                foreach (var key in keys)
                {
                    byKey.TryAdd(key, target);
                }
            }

            if (!added.TryGetValue(target, out var list))
            {
                added[target] = list = [];
            }

            list.Add(mention);
        }

        foreach (var (e, list) in added)
        {
            var entity = entities[e];
            entities[e] = new Entity
            {
                Id = entity.Id,
                Type = entity.Type,
                Canonical = entity.Canonical,
                Mentions = [.. entity.Mentions.Concat(list).OrderBy(m => m.Start).ThenBy(m => m.Kind)],
                Roles = entity.Roles,
                Country = entity.Country,
                Kind = entity.Kind,
                ActorCode = entity.ActorCode,
                Confidence = entity.Confidence,
            };
        }
    }

    // The keys a nested name is found by: its folded name, its country, its known organization's group.
    private List<string> Keys(LexicalView view, EntityMention mention)
    {
        var start = Math.Max(view.Tokens[mention.FirstToken].Start, mention.Start);
        var keys = new List<string>(3) { "name:" + (Key(NameForm.Create(view.Text.AsSpan(start, mention.End - start), lexicons))) };
        if (lexicons.Places.Longest(view.Ids, mention.FirstToken, p => p.Kind == "country", out var place) == mention.TokenCount && place.Country is { } country)
        {
            keys.Add("country:" + country);
        }

        if (lexicons.Organizations.Longest(view.Ids, mention.FirstToken, out var organizations) == mention.TokenCount)
        {
            keys.Add("group:" + organizations[0].Group);
        }

        return keys;
    }

    private string Key(NameForm form) => form.PatronymicKey(lexicons.PatronymicParticles) ?? form.CoreKey;
}
