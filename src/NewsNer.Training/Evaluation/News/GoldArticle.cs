using Newtonsoft.Json.Linq;

namespace NewsNer.Training.Evaluation.News;

/// <summary>A gold entity of an annotated news article: its type (PER, LOC, ORG), canonical name and every surface form.</summary>
/// <param name="Type">PER, LOC or ORG.</param>
/// <param name="Canonical">The fullest form in the article.</param>
/// <param name="Mentions">Every distinct surface form, case-sensitive.</param>
public sealed record GoldEntity(string Type, string Canonical, IReadOnlyList<string> Mentions);

/// <summary>A gold meeting event of an annotated news article (the annotation guide of <c>events-dev</c>).</summary>
/// <param name="Subtype">host_visit, make_visit, meet, third_location, phone_call, summit or negotiation.</param>
/// <param name="Participants">Canonical names of the named participants.</param>
/// <param name="Host">The host's canonical name, or null.</param>
/// <param name="Guests">The guests' canonical names (empty when none).</param>
/// <param name="Location">The place as given in the text (several separated by commas), or null.</param>
/// <param name="Date">The date expression from the text, or null.</param>
/// <param name="Status">reported, planned or past.</param>
/// <param name="Evidence">One sentence of the body stating the meeting, verbatim (a leading dateline may be cut).</param>
public sealed record GoldEvent(
    string Subtype,
    IReadOnlyList<string> Participants,
    string? Host,
    IReadOnlyList<string> Guests,
    string? Location,
    string? Date,
    string Status,
    string? Evidence);

/// <summary>The gold annotation of one article (<c>gold/NNN.json</c>): entities and meeting events.</summary>
/// <param name="Id">The article id (the file name without extension).</param>
/// <param name="Entities">The gold entities.</param>
/// <param name="Events">The gold meeting events (empty for a negative article).</param>
public sealed record GoldArticle(string Id, IReadOnlyList<GoldEntity> Entities, IReadOnlyList<GoldEvent> Events)
{
    /// <summary>Reads a gold file.</summary>
    /// <exception cref="InvalidDataException">The file is not a gold annotation.</exception>
    public static GoldArticle Load(string path)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(path));
        }
        catch (Newtonsoft.Json.JsonException error)
        {
            throw new InvalidDataException($"{path}: not a gold annotation ({error.Message})", error);
        }

        var entities = new List<GoldEntity>();
        foreach (var entity in root["entities"] as JArray ?? [])
        {
            var canonical = (string?)entity["canonical"] ?? (string?)entity["text"] ?? string.Empty;
            var mentions = (entity["mentions"] as JArray ?? []).Select(m => (string?)m ?? string.Empty).ToList();
            entities.Add(new GoldEntity((string?)entity["type"] ?? string.Empty, canonical, mentions));
        }

        var events = new List<GoldEvent>();
        foreach (var meeting in root["events"] as JArray ?? [])
        {
            var guest = meeting["guest"];
            IReadOnlyList<string> guests = guest switch
            {
                JArray list => [.. list.Select(g => (string?)g).OfType<string>()],
                JValue { Type: JTokenType.String } single => [(string)single!],
                _ => [],
            };
            events.Add(new GoldEvent(
                (string?)meeting["subtype"] ?? "meet",
                [.. (meeting["participants"] as JArray ?? []).Select(p => (string?)p).OfType<string>()],
                (string?)meeting["host"],
                guests,
                (string?)meeting["location"],
                (string?)meeting["date"],
                (string?)meeting["status"] ?? "reported",
                (string?)meeting["evidence"]));
        }

        return new GoldArticle(id, entities, events);
    }

    /// <summary>Reads every <c>NNN.json</c> of a folder, in id order.</summary>
    public static IReadOnlyList<GoldArticle> LoadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];
}
