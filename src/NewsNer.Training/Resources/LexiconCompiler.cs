using System.Globalization;
using System.IO.Compression;
using System.Text;
using NewsNer.Entities;
using NewsNer.Tokenization;

namespace NewsNer.Training.Resources;

/// <summary>
/// Compiles the recognizer's lexicons from the shared data (<c>../shared/data/lexicon</c>, <c>../shared/data/gazetteers</c>)
/// and word clusters into <c>lexicons.bin.gz</c>: open-addressing tables of 32-bit hash tags, ready to use at load time.
/// Only hashes are stored, never the forms. Deterministic.
/// </summary>
public static class LexiconCompiler
{
    /// <summary>Communes of France with at least this population become LOC gazetteer entries.</summary>
    public const int MinCommunePopulation = 5000;

    /// <summary>Builds the lexicon file.</summary>
    /// <param name="sharedDir">The shared data folder (containing <c>data/</c>).</param>
    /// <param name="clusters">Word (normalized) → packed cluster classes (<see cref="WordClusters"/>), or null.</param>
    /// <param name="output">Where to write (gzip-compressed).</param>
    /// <param name="log">Progress messages.</param>
    public static void Build(string sharedDir, IReadOnlyDictionary<string, uint>? clusters, Stream output, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sharedDir);
        ArgumentNullException.ThrowIfNull(output);
        log ??= _ => { };
        var lexicon = Path.Combine(sharedDir, "data", "lexicon");
        var gaz = Path.Combine(sharedDir, "data", "gazetteers");

        var common = new HashSet<ulong>();
        var commonForms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(lexicon, "fr.words.txt")))
        {
            var w = line.Trim();
            if (w.Length > 0)
            {
                common.Add(FeatureHash.OfNormalized(w));
                commonForms.Add(TokenNormalizer.Normalize(w));
            }
        }

        var proper = new HashSet<ulong>();
        foreach (var line in File.ReadLines(Path.Combine(lexicon, "fr.propernames.txt")))
        {
            var w = line.Trim();
            if (w.Length > 0)
            {
                proper.Add(FeatureHash.OfFolded(w));
            }
        }

        log($"common word forms: {common.Count}, proper names: {proper.Count}");

        var phrases = new Dictionary<ulong, ushort>();
        void AddPhrase(string name, GazetteerCategory category)
        {
            var key = PhraseKey(name, out var letters);
            if (letters >= 2)
            {
                phrases[key] = (ushort)(phrases.GetValueOrDefault(key) | (ushort)category);
            }
        }

        foreach (var row in Tsv(Path.Combine(gaz, "countries.fr.tsv")))
        {
            foreach (var column in new[] { "name_fr", "official_fr", "alt_names_fr" })
            {
                foreach (var name in Alternatives(row, column))
                {
                    AddPhrase(name, GazetteerCategory.Country);
                }
            }
        }

        foreach (var row in Tsv(Path.Combine(gaz, "cities.fr.tsv")))
        {
            foreach (var name in Alternatives(row, "name_fr"))
            {
                AddPhrase(name, GazetteerCategory.City);
            }
        }

        foreach (var row in Tsv(Path.Combine(gaz, "demonyms.fr.tsv")))
        {
            AddPhrase(row["form"], GazetteerCategory.Demonym);
        }

        foreach (var row in Tsv(Path.Combine(gaz, "firstnames.fr.tsv")))
        {
            AddPhrase(row["name"], GazetteerCategory.FirstName);
        }

        foreach (var row in Tsv(Path.Combine(gaz, "lastnames.fr.tsv")))
        {
            AddPhrase(row["name"], GazetteerCategory.LastName);
        }

        foreach (var row in Tsv(Path.Combine(gaz, "france_admin.fr.tsv")))
        {
            var kind = row["kind"];
            if (kind is "region" or "departement")
            {
                AddPhrase(row["name"], GazetteerCategory.Region);
            }
            else if (kind == "commune" && int.TryParse(row["population"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var population) && population >= MinCommunePopulation)
            {
                AddPhrase(row["name"], GazetteerCategory.Commune);
            }
        }

        var actors = Path.Combine(gaz, "actors", "actors.tsv");
        if (File.Exists(actors))
        {
            foreach (var row in Tsv(actors))
            {
                var name = row["name"];
                switch (row["kind"])
                {
                    case "person":
                        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length >= 2 && parts.All(p => char.IsUpper(p[0]) || p is "al" or "el" or "de" or "bin" or "ibn" or "van" or "von" or "da" or "du"))
                        {
                            AddPhrase(name, GazetteerCategory.Person);
                            var last = parts[^1];
                            if (last.Length >= 4 && char.IsUpper(last[0]) && !commonForms.Contains(TokenNormalizer.Normalize(last)))
                            {
                                AddPhrase(last, GazetteerCategory.LastName);
                            }
                        }

                        break;
                    case "organization" or "group":
                        if (name.Length >= 3 && !commonForms.Contains(TokenNormalizer.Normalize(name)))
                        {
                            AddPhrase(name, GazetteerCategory.Organization);
                        }

                        break;
                }
            }
        }

        var igos = Path.Combine(gaz, "actors", "igos.tsv");
        if (File.Exists(igos))
        {
            foreach (var row in Tsv(igos))
            {
                foreach (var name in Alternatives(row, "acronyms").Concat(Alternatives(row, "names_en")))
                {
                    AddPhrase(name, GazetteerCategory.Organization);
                }
            }
        }

        log($"gazetteer phrases: {phrases.Count}");

        var clusterMap = new Dictionary<ulong, uint>();
        if (clusters is not null)
        {
            foreach (var (word, packed) in clusters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                clusterMap[FeatureHash.OfNormalized(word)] = packed;
            }

            log($"clustered words: {clusterMap.Count}");
        }

        var commonTable = SetTable(common);
        var properTable = SetTable(proper);
        var (phraseTags, phraseValues) = MapTable(phrases);
        var (clusterTags, clusterValues) = MapTable(clusterMap);
        var id = Checksum(commonTable, properTable, phraseTags, phraseValues.Select(v => (uint)v).ToArray(), clusterTags, clusterValues);
        // gzip rather than Brotli: the tables are hash tags (little to compress either way) and gzip decompresses faster.
        using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        NerLexicons.Write(gzip, id, commonTable, properTable, phraseTags, phraseValues, clusterTags, clusterValues);
    }

    /// <summary>Phrase key as the recognizer computes it: the letters and digits only, lower-cased.</summary>
    internal static ulong PhraseKey(string name, out int letters)
    {
        var h = FeatureHash.Seed;
        letters = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                h = FeatureHash.Add(h, TokenNormalizer.NormalizeChar(c));
                letters++;
            }
        }

        return h;
    }

    private static uint[] SetTable(HashSet<ulong> keys)
    {
        var tags = new uint[HashTables.CapacityFor(keys.Count)];
        foreach (var k in keys.Order())
        {
            HashTables.Insert(tags, k);
        }

        return tags;
    }

    private static (uint[] Tags, T[] Values) MapTable<T>(Dictionary<ulong, T> map)
    {
        var tags = new uint[HashTables.CapacityFor(map.Count)];
        var values = new T[tags.Length];
        foreach (var k in map.Keys.Order())
        {
            values[HashTables.Insert(tags, k)] = map[k];
        }

        return (tags, values);
    }

    private static ulong Checksum(params uint[][] arrays)
    {
        var h = FeatureHash.Seed;
        foreach (var a in arrays)
        {
            foreach (var v in a)
            {
                h = FeatureHash.Mix(h, v);
            }

            h = FeatureHash.Mix(h, (ulong)a.Length);
        }

        return h == 0 ? 1 : h;
    }

    private static IEnumerable<string> Alternatives(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) ? value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private static IEnumerable<Dictionary<string, string>> Tsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine()?.Split('\t') ?? [];
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var k = 0; k < header.Length; k++)
            {
                row[header[k]] = k < cells.Length ? cells[k] : string.Empty;
            }

            yield return row;
        }
    }
}
