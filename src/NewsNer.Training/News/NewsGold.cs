using NewsNer.Entities;
using Newtonsoft.Json.Linq;

namespace NewsNer.Training.News;

/// <summary>One gold entity of an annotated news article: its type and every surface form it has in the article.</summary>
/// <param name="Type">PER, LOC or ORG (the news annotation guide has no MISC).</param>
/// <param name="Mentions">Every distinct surface form (case-sensitive), the canonical one included.</param>
public sealed record NewsGoldEntity(EntityType Type, IReadOnlyList<string> Mentions);

/// <summary>An annotated news article: its id, the text the pipeline sees (title, blank line, body) and its gold entities.</summary>
/// <param name="Id">The article's id (file name without extension).</param>
/// <param name="Text">The document text, exactly as the pipeline processes it.</param>
/// <param name="Entities">The gold entities.</param>
public sealed record NewsArticle(string Id, string Text, IReadOnlyList<NewsGoldEntity> Entities);

/// <summary>Reads the entity part of the gold files of <c>../shared/data/events-*/gold</c>.</summary>
public static class NewsGold
{
    /// <summary>
    /// The gold entities of one gold JSON document: <c>entities[]</c> with <c>type</c>, <c>canonical</c> (or <c>text</c>)
    /// and <c>mentions[]</c>. Entities of a type other than PER, LOC, ORG, MISC are skipped.
    /// </summary>
    /// <exception cref="FormatException">The JSON has no <c>entities</c> array or an entity has no type.</exception>
    public static IReadOnlyList<NewsGoldEntity> ReadEntities(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JObject root;
        try
        {
            root = JObject.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException error)
        {
            throw new FormatException($"Gold file is not JSON: {error.Message}", error);
        }

        if (root["entities"] is not JArray entities)
        {
            throw new FormatException("Gold file has no 'entities' array.");
        }

        var result = new List<NewsGoldEntity>(entities.Count);
        foreach (var token in entities)
        {
            if (token is not JObject entity || entity.Value<string>("type") is not { } typeName)
            {
                throw new FormatException("A gold entity has no 'type'.");
            }

            if (!EntityTypes.TryParse(typeName, out var type))
            {
                continue;
            }

            var mentions = new List<string>();
            foreach (var name in new[] { entity.Value<string>("canonical"), entity.Value<string>("text") })
            {
                if (!string.IsNullOrWhiteSpace(name))
                {
                    mentions.Add(name);
                }
            }

            if (entity["mentions"] is JArray list)
            {
                mentions.AddRange(list.Select(m => m.Type == JTokenType.String ? (string?)m : m.Value<string>("text")).OfType<string>().Where(m => !string.IsNullOrWhiteSpace(m)));
            }

            result.Add(new NewsGoldEntity(type, [.. mentions.Distinct(StringComparer.Ordinal)]));
        }

        return result;
    }
}
