// Compiles NewsNer's geographic lexicons (src/NewsNer/Resources/geo) from the shared French gazetteers.
// Usage (from the repository root): dotnet run tools/build-geo-lexicons.cs -- ../shared/data/gazetteers src/NewsNer/Resources/geo
// Deterministic: the same inputs give byte-identical outputs. Sources and licences: src/NewsNer/Resources/geo/README.md.
using System.Globalization;
using System.Text;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/build-geo-lexicons.cs -- GAZETTEER_DIR OUTPUT_DIR");
    return 2;
}

var source = args[0];
var output = args[1];
Directory.CreateDirectory(output);

// CAMEO country codes by ISO alpha-2, from the Phoenix dictionaries (primary entries), and the sovereign country of
// dependent territories: a six-letter code starts with its sovereign's code (FRAGLP: Guadeloupe, France), and a
// non-primary entry with a bare country code is filed under that country (Mayotte: FRA).
var cameo = new Dictionary<string, string>(StringComparer.Ordinal);
var actorRows = ReadTsv(Path.Combine(source, "actors", "countries.tsv")).ToList();
foreach (var row in actorRows)
{
    if (row["primary"] == "1" && row["iso2"].Length == 2 && !cameo.ContainsKey(row["iso2"]))
    {
        cameo[row["iso2"]] = row["code"];
    }
}

var isoOfCode = actorRows.Where(r => r["primary"] == "1" && r["code"].Length == 3 && r["iso2"].Length == 2)
    .GroupBy(r => r["code"]).ToDictionary(g => g.Key, g => g.First()["iso2"], StringComparer.Ordinal);
var sovereign = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var row in actorRows.Where(r => r["iso2"].Length == 2))
{
    var parent = row["code"].Length == 6 ? row["code"][..3] : row["primary"] == "0" && row["code"].Length == 3 ? row["code"] : null;
    if (parent is not null && isoOfCode.TryGetValue(parent, out var parentIso) && parentIso != row["iso2"])
    {
        sovereign.TryAdd(row["iso2"], parentIso);
    }
}

var countries = new List<string> { "# iso2\tcameo\tindependent\tnames (| separated; the first is the usual French short name)\tsovereign (iso2 of the country a territory belongs to, or -)" };
var countryNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
foreach (var row in ReadTsv(Path.Combine(source, "countries.fr.tsv")))
{
    var names = new List<string> { row["name_fr"] };
    foreach (var alt in row["alt_names_fr"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        // "Les états-unis d'Amérique" and other lower-cased official forms add nothing once matching ignores case.
        if (!names.Contains(alt, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(alt);
        }
    }

    foreach (var name in names)
    {
        countryNames.Add(name);
    }

    var code = cameo.TryGetValue(row["iso2"], out var c) ? c : row["iso3"];
    countries.Add($"{row["iso2"]}\t{code}\t{row["independent"]}\t{string.Join('|', names)}\t{sovereign.GetValueOrDefault(row["iso2"], "-")}");
}

var demonyms = new List<string> { "# form\tiso2\tpreferred (1 = the country to use when the form belongs to several)" };
foreach (var row in ReadTsv(Path.Combine(source, "demonyms.fr.tsv")))
{
    demonyms.Add($"{row["form"]}\t{row["iso2"]}\t{row["preferred"]}");
}

var cities = new List<string> { "# name\tiso2\tkind (city, region, or - when the source does not say)\tcapital (1 = national capital)" };
var seen = new HashSet<string>(StringComparer.Ordinal);
foreach (var row in ReadTsv(Path.Combine(source, "cities.fr.tsv")))
{
    // Names that are also country names (Koweït, Singapour) are read as the country.
    if (row["kind"] != "city" || countryNames.Contains(row["name_fr"]))
    {
        continue;
    }

    if (seen.Add(row["name_fr"] + "\t" + row["iso2"]))
    {
        cities.Add($"{row["name_fr"]}\t{row["iso2"]}\tcity\t{row["is_capital"]}");
    }
}

// French regions and communes of 20,000 inhabitants or more: a visit to them by a French official is domestic.
foreach (var row in ReadTsv(Path.Combine(source, "france_admin.fr.tsv")))
{
    var isCommune = row["kind"] == "commune" && int.TryParse(row["population"], NumberStyles.None, CultureInfo.InvariantCulture, out var population) && population >= 20000;
    var isRegion = row["kind"] == "region";
    if ((isCommune || isRegion) && !countryNames.Contains(row["name"]) && seen.Add(row["name"] + "\tFR"))
    {
        cities.Add($"{row["name"]}\tFR\t{(isRegion ? "region" : "city")}\t0");
    }
}

// The cities and regions the CAMEO country actors file under each country (CountryInfo's capitals, major cities and
// regions: Goma, Durban, Lahore, Misrata, Agadez). Their names are English, and many are the French ones too. Left out:
// a name filed under a historical code (a closing date, or six letters: a territory or a former state) or under two
// countries, a name that is also a French word, first name or last name (Milan, Dallas), and a name shorter than four
// letters. Their kind is '-': the source does not tell a city from a region or a mountain.
var wordsAndPersonNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
foreach (var line in File.ReadLines(Path.Combine(source, "..", "lexicon", "fr.words.txt")))
{
    wordsAndPersonNames.Add(line.Trim());
}

foreach (var file in new[] { "firstnames.fr.tsv", "lastnames.fr.tsv" })
{
    foreach (var row in ReadTsv(Path.Combine(source, file)))
    {
        wordsAndPersonNames.Add(row["name"]);
    }
}

var actorPlaces = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
foreach (var row in ReadTsv(Path.Combine(source, "actors", "actors.tsv")))
{
    var name = row["name"].Trim();
    if (row["kind"] != "place" || name.Length < 4 || wordsAndPersonNames.Contains(name) || countryNames.Contains(name))
    {
        continue;
    }

    if (!actorPlaces.TryGetValue(name, out var isos))
    {
        actorPlaces[name] = isos = [];
    }

    isos.Add(row["code"].Length == 3 && row["to"].Length == 0 && isoOfCode.TryGetValue(row["code"], out var iso) ? iso : "?");
}

// A city the French lists already hold keeps their entry.
var listedCities = seen.Select(key => key[..key.IndexOf('\t')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
foreach (var (name, isos) in actorPlaces)
{
    if (isos.Count == 1 && isos.First() is var iso && iso != "?" && !listedCities.Contains(name))
    {
        cities.Add($"{name}\t{iso}\t-\t0");
    }
}

Write("countries.tsv", countries);
Write("demonyms.tsv", demonyms);
Write("cities.tsv", cities);
return 0;

void Write(string name, List<string> lines)
{
    var header = "# Generated by tools/build-geo-lexicons.cs from ../shared/data/gazetteers (see README.md). Do not edit.";
    File.WriteAllText(Path.Combine(output, name), header + "\n" + string.Join('\n', lines) + "\n", new UTF8Encoding(false));
    Console.WriteLine($"{name}: {lines.Count - 1} rows");
}

static IEnumerable<Dictionary<string, string>> ReadTsv(string path)
{
    using var reader = new StreamReader(path, Encoding.UTF8);
    var header = reader.ReadLine()!.Split('\t');
    while (reader.ReadLine() is { } line)
    {
        if (line.Length == 0)
        {
            continue;
        }

        var cells = line.Split('\t');
        var row = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            row[header[i]] = i < cells.Length ? cells[i] : string.Empty;
        }

        yield return row;
    }
}
