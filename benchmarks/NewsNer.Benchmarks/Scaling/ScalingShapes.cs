using System.Globalization;
using System.Text;

namespace NewsNer.Benchmarks.Scaling;

/// <summary>
/// Input shapes that scraped news folders really contain and that push a stage off its linear path: a page without a
/// sentence end, a table flattened into one line, one giant token, no whitespace, thousands of mentions of one name or
/// of distinct names, deep quotes and parentheses, thousands of meeting cues, one article repeated. Each is generated
/// at any size (in UTF-16 characters) from short French text written for this file: nothing is read from disk.
/// </summary>
internal static class ScalingShapes
{
    /// <summary>Every shape, by name.</summary>
    public static IReadOnlyList<ScalingShape> All { get; } =
    [
        new("clauses", "one sentence of comma-separated clauses (the issue's 20,000-clause line)", Clauses),
        new("capitalized", "one sentence of one capitalized word repeated", Capitalized),
        new("capitalized-mix", "one sentence of eight capitalized words repeated", CapitalizedMix),
        new("run-on", "a page of lower-case words without any punctuation", RunOn),
        new("table", "a table flattened into one line, no sentence end", Table),
        new("giant-token", "one token: letters without a break", GiantToken),
        new("hyphen-chain", "one word of capitals joined by hyphens (A-B-C-…)", HyphenChain),
        new("no-whitespace", "prose with every space removed: long tokens joined by punctuation", NoWhitespace),
        new("same-name", "short sentences, thousands of mentions of the same two people", SameName),
        new("distinct-names", "short sentences, thousands of distinct people and places", DistinctNames),
        new("one-surname", "thousands of distinct people sharing one surname, and the surname alone", OneSurname),
        new("role-descriptions", "thousands of people with roles, and role descriptions standing for them", RoleDescriptions),
        new("nested", "deep quotes and parentheses, opened then closed", Nested),
        new("meeting-cues", "thousands of meeting sentences (met, received, talked with) between many leaders", MeetingCues),
        new("one-line-article", "an article's sentences on one line with no sentence end between them", OneLineArticle),
        new("article", "an ordinary article repeated (the 50 MB document, scaled down)", Article),
    ];

    /// <summary>The shape called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No shape has that name.</exception>
    public static ScalingShape Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no shape '{name}' (shapes: {string.Join(", ", All.Select(s => s.Name))})", nameof(name));

    private const string Clause = "Le président Poutine a reçu le président al-Chaar au Kremlin, ";

    private static readonly string[] s_syllables = ["ka", "lo", "mi", "ra", "zu", "te", "no", "vi", "sa", "de", "pa", "ru", "bé", "ko", "li", "ta"];
    private static readonly string[] s_roles = ["le président", "le Premier ministre", "la ministre des affaires étrangères", "le chancelier", "le roi", "la présidente"];
    private static readonly string[] s_cues = ["a rencontré", "a reçu", "s'est entretenu avec", "a discuté avec", "a accueilli", "doit rencontrer"];
    private static readonly string[] s_months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre"];

    private static string Clauses(int chars) => Repeat(chars, Clause, "fin.");

    private static string Capitalized(int chars) => Repeat(chars, "Macron ", "");

    private static string CapitalizedMix(int chars) => Repeat(chars, "Président Poutine Kremlin Moscou Damas Syrie Russie Ahmad ", ".");

    private static string RunOn(int chars) => Repeat(chars, "le texte de la page continue sans aucun signe et les mots se suivent encore ", "");

    private static string Table(int chars)
    {
        var builder = new StringBuilder(chars + 128);
        for (var i = 0; builder.Length < chars; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"| {Name(i)} | {1000 + (i * 37 % 9000)} | {i % 100},{i % 10} % | Île-de-France | {2000 + (i % 25)} ");
        }

        return builder.Append('|').ToString();
    }

    private static string GiantToken(int chars) => Repeat(chars, "Poutinekremlinmoscou", "");

    private static string HyphenChain(int chars) => Repeat(chars, "PARIS-", "FIN");

    private static string OneSurname(int chars)
    {
        var builder = new StringBuilder(chars + 256);
        for (var i = 0; builder.Length < chars; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Name(i)} Dupont a parlé. Puis Dupont est parti. ");
        }

        return builder.ToString();
    }

    private static string RoleDescriptions(int chars)
    {
        var builder = new StringBuilder(chars + 256);
        for (var i = 0; builder.Length < chars; i++)
        {
            builder.Append(CultureInfo.InvariantCulture,
                $"{s_roles[i % s_roles.Length]} {Name(i)} {Name(i + 4099)} a parlé. Le Premier ministre a répondu, et la ministre des affaires étrangères a souri. ");
        }

        return builder.ToString();
    }

    private static string NoWhitespace(int chars)
    {
        var article = SampleArticle();
        var compact = new StringBuilder(article.Length);
        foreach (var c in article)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        return Repeat(chars, compact.ToString(), "");
    }

    private static string SameName(int chars) => Repeat(
        chars,
        "Le président Vladimir Poutine a reçu Ahmad al-Chaar. Poutine a parlé de la Syrie avec al-Chaar, et Poutine a salué al-Chaar. ",
        "");

    private static string DistinctNames(int chars)
    {
        var builder = new StringBuilder(chars + 256);
        for (var i = 0; builder.Length < chars; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"M. {Name(i)} {Name(i + 7919)} a vu Mme {Name(i + 104729)} à {Name(i + 1299709)}. ");
        }

        return builder.ToString();
    }

    private static string Nested(int chars)
    {
        // One sentence, as deep as the size allows: half the text opens, half closes.
        const string Open = "« Poutine a dit ( selon al-Chaar ";
        const string Close = ") » ";
        var depth = Math.Max(1, chars / (Open.Length + Close.Length));
        var builder = new StringBuilder(chars + 64);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(Open);
        }

        for (var i = 0; i < depth; i++)
        {
            builder.Append(Close);
        }

        return builder.Append('.').ToString();
    }

    private static string MeetingCues(int chars)
    {
        var builder = new StringBuilder(chars + 256);
        for (var i = 0; builder.Length < chars; i++)
        {
            var a = i % 97;
            var b = (i * 31 + 11) % 89;
            builder.Append(CultureInfo.InvariantCulture,
                $"Le {1 + (i % 28)} {s_months[i % s_months.Length]}, {s_roles[a % s_roles.Length]} {Name(a)} {s_cues[i % s_cues.Length]} {s_roles[b % s_roles.Length]} {Name(b + 500)} à {Name(i % 53 + 900)}. ");
        }

        return builder.ToString();
    }

    private static string OneLineArticle(int chars)
    {
        var article = SampleArticle();
        var line = new StringBuilder(article.Length);
        foreach (var c in article)
        {
            line.Append(c is '.' or '\n' or '\r' or '!' or '?' ? ' ' : c);
        }

        return Repeat(chars, line.ToString(), ".");
    }

    private static string Article(int chars) => Repeat(chars, SampleArticle() + "\n\n", "");

    private static string SampleArticle() => BenchmarkInputs.Get(BenchmarkInputs.Sample);

    /// <summary>A capitalized made-up name, distinct for each <paramref name="i"/> below 16^4.</summary>
    private static string Name(int i)
    {
        var builder = new StringBuilder(8);
        for (var k = 0; k < 3; k++)
        {
            builder.Append(s_syllables[(i >> (4 * k)) & 15]);
        }

        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }

    private static string Repeat(int chars, string unit, string end)
    {
        var builder = new StringBuilder(chars + unit.Length + end.Length);
        while (builder.Length < chars)
        {
            builder.Append(unit);
        }

        return builder.Append(end).ToString();
    }
}

/// <summary>One input shape of the scaling benchmark.</summary>
/// <param name="Name">Short name, used on the command line and in tables.</param>
/// <param name="Description">What the text looks like.</param>
/// <param name="Generate">Builds a text of about the given number of characters.</param>
internal sealed record ScalingShape(string Name, string Description, Func<int, string> Generate);
