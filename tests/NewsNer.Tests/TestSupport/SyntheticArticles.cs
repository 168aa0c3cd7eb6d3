using System.Globalization;
using System.Text;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// Short French news articles written for the tests (no publisher's text): a few paragraph templates — a visit, a phone
/// call, an announced meeting, talks in a third city, and a story with no meeting — filled with varied people, countries,
/// cities, days and topics, so that thousands of articles are all different and give different entities and events.
/// Deterministic: article <c>i</c> is always the same text.
/// </summary>
internal static class SyntheticArticles
{
    private static readonly Leader[] s_leaders =
    [
        new("Jean-Marc Delorme", false, "français", "de la France", "Paris"),
        new("Helga Brandt", true, "allemand", "de l'Allemagne", "Berlin"),
        new("Giulia Ferraro", true, "italien", "de l'Italie", "Rome"),
        new("Alvaro Mendes", false, "espagnol", "de l'Espagne", "Madrid"),
        new("Youssef Benkirane", false, "marocain", "du Maroc", "Rabat"),
        new("Awa Diop", true, "sénégalais", "du Sénégal", "Dakar"),
        new("Kenji Moriyama", false, "japonais", "du Japon", "Tokyo"),
        new("Lucia Carvalho", true, "brésilien", "du Brésil", "Brasilia"),
        new("Piotr Nowicki", false, "polonais", "de la Pologne", "Varsovie"),
        new("Amira Haddad", true, "tunisien", "de la Tunisie", "Tunis"),
        new("Lars Eriksen", false, "norvégien", "de la Norvège", "Oslo"),
        new("Nadia Ouedraogo", true, "burkinabé", "du Burkina Faso", "Ouagadougou"),
        new("Carlos Ibarra", false, "mexicain", "du Mexique", "Mexico"),
        new("Sofia Petrescu", true, "roumain", "de la Roumanie", "Bucarest"),
        new("Omar Khalil", false, "égyptien", "de l'Égypte", "Le Caire"),
        new("Ingrid Vasquez", true, "chilien", "du Chili", "Santiago"),
        new("Tomasz Wrona", false, "tchèque", "de la Tchéquie", "Prague"),
        new("Fatou Camara", true, "guinéen", "de la Guinée", "Conakry"),
        new("Matteo Galli", false, "suisse", "de la Suisse", "Berne"),
        new("Hana Novakova", true, "slovaque", "de la Slovaquie", "Bratislava"),
        new("Rachid Mansouri", false, "algérien", "de l'Algérie", "Alger"),
        new("Elena Costa", true, "portugais", "du Portugal", "Lisbonne"),
        new("Viktor Lindqvist", false, "suédois", "de la Suède", "Stockholm"),
        new("Mariam Traoré", true, "malien", "du Mali", "Bamako"),
    ];

    private static readonly string[] s_neutralCities = ["Genève", "Vienne", "Bruxelles", "Doha", "Istanbul", "Addis-Abeba", "Luxembourg", "Helsinki"];

    private static readonly string[] s_days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    private static readonly string[] s_topics =
    [
        "la coopération énergétique", "la sécurité régionale", "les échanges commerciaux", "la crise migratoire",
        "la lutte contre le changement climatique", "la reconstruction des infrastructures", "la coopération universitaire",
        "la situation humanitaire au Sahel",
    ];

    private static readonly string[] s_sources = ["l'Agence France-Presse", "la présidence", "le ministère des Affaires étrangères", "Reuters"];

    private static readonly string[] s_venues = ["un musée consacré à la photographie", "une médiathèque", "un centre de recherche sur l'eau", "un pont sur le fleuve"];

    /// <summary>How many distinct articles <see cref="Text"/> can produce.</summary>
    public static int Capacity => 5 * s_leaders.Length * (s_leaders.Length - 1);

    /// <summary>The body of article <paramref name="index"/> (0-based), one or two paragraphs.</summary>
    public static string Text(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        var template = index % 5;
        var pair = index / 5;
        var n = s_leaders.Length;
        var a = s_leaders[pair % n];
        var b = s_leaders[(pair % n + 1 + pair / n % (n - 1)) % n];
        var day = s_days[index * 3 % s_days.Length];
        var topic = s_topics[index * 5 / 7 % s_topics.Length];
        var source = s_sources[index / 3 % s_sources.Length];
        var city = s_neutralCities[index / 11 % s_neutralCities.Length];
        return template switch
        {
            0 => $"Le chef de l'État {a.Adjective} {a.Name} a reçu {day} à {a.Capital} son homologue {b.Of}, {b.Name}. "
                + $"Les deux dirigeants ont évoqué {topic}, selon {source}.\n\n"
                + $"{b.Name} doit ensuite regagner {b.Capital}.",
            1 => $"{a.Name}, ministre des Affaires étrangères {a.Of}, s'est rendu{(a.Female ? "e" : "")} {day} à {b.Capital}, "
                + $"où {(a.Female ? "elle" : "il")} a rencontré {b.Name}. Ils ont discuté de {topic}, a indiqué {source}.",
            2 => $"{a.Name} et {b.Name} se sont entretenus par téléphone {day} au sujet de {topic}, a annoncé {source}.",
            3 => $"Une rencontre entre {a.Name} et {b.Name} aura lieu la semaine prochaine à {city}, a annoncé {source}. "
                + $"Les délégations {a.Of} et {b.Of} prépareront le sommet.",
            _ => $"La ville de {a.Capital} a inauguré {day} {s_venues[index % s_venues.Length]}. "
                + $"Le maire, entouré d'élus {b.Of}, a salué un projet consacré à {topic}.",
        };
    }

    /// <summary>
    /// Article <paramref name="index"/> as a file of the events-dev layout: a title line, a <c>date:</c> header (a full
    /// date in October 2025), a blank line, then the body.
    /// </summary>
    public static string File(int index)
    {
        var date = new DateOnly(2025, 10, 1 + index % 28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"Dépêche {index + 1}\ndate: {date}\n\n{Text(index)}\n";
    }

    /// <summary>Writes articles <c>0..count-1</c> as <c>NNNNN.txt</c> files into <paramref name="folder"/>.</summary>
    public static void WriteFolder(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            System.IO.File.WriteAllText(Path.Combine(folder, FileName(i)), File(i), new UTF8Encoding(false));
        }
    }

    /// <summary>The file name of article <paramref name="index"/> in <see cref="WriteFolder"/>: <c>00042.txt</c>.</summary>
    public static string FileName(int index) => index.ToString("D5", CultureInfo.InvariantCulture) + ".txt";

    private sealed record Leader(string Name, bool Female, string Adjective, string Of, string Capital);
}
