using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using NewsNer.Internal;

namespace NewsNer.Language;

/// <summary>
/// The embedded character-trigram model (<c>Resources/lang/trigrams.tsv.gz</c>): for each language, the cost
/// (<c>-100 ln P</c>) of each of its frequent trigrams, and a floor cost for the others. Immutable, thread-safe,
/// loaded once.
/// </summary>
internal sealed class LanguageModel
{
    private const string ModelPath = "lang/trigrams.tsv.gz";
    private const string NamesPath = "lang/languages.tsv";

    private static readonly Lazy<LanguageModel> s_default = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<long, int> _rows;

    // One row of Width costs per trigram (the languages, then zeros up to a whole number of vectors), so that adding a
    // trigram's costs to the totals is a few vector additions; the last row holds the floors.
    private readonly int[] _costs;

    private LanguageModel(string[] codes, WordScript[] scripts, short[] floors, FrozenDictionary<long, int> rows, short[] costs, FrozenDictionary<string, string> names)
    {
        Codes = codes;
        Scripts = scripts;
        Floors = floors;
        _rows = rows;
        Names = names;
        Width = (codes.Length + Vector<int>.Count - 1) / Vector<int>.Count * Vector<int>.Count;
        _costs = new int[(rows.Count + 1) * Width];
        for (var row = 0; row < rows.Count; row++)
        {
            for (var l = 0; l < codes.Length; l++)
            {
                _costs[row * Width + l] = costs[row * codes.Length + l];
            }
        }

        for (var l = 0; l < codes.Length; l++)
        {
            _costs[rows.Count * Width + l] = floors[l];
        }
    }

    /// <summary>The length of the totals given to <see cref="AddCosts"/>: the number of languages, rounded up to whole vectors.</summary>
    public int Width { get; }

    public static LanguageModel Default => s_default.Value;

    /// <summary>The language codes of the model, in column order.</summary>
    public string[] Codes { get; }

    /// <summary>The script each language's words are written in, by column.</summary>
    public WordScript[] Scripts { get; }

    /// <summary>The cost of a trigram a language's model does not keep, by column.</summary>
    public short[] Floors { get; }

    /// <summary>English names of language codes (<c>en</c> → English).</summary>
    public FrozenDictionary<string, string> Names { get; }

    /// <summary>The column of a language, or -1.</summary>
    public int IndexOf(string code) => Array.IndexOf(Codes, code);

    /// <summary>Adds each language's cost for one trigram to <paramref name="totals"/> (of length <see cref="Width"/>).</summary>
    public void AddCosts(char a, char b, char c, Span<int> totals)
    {
        var row = _rows.TryGetValue(Key(a, b, c), out var found) ? found : _rows.Count;
        var costs = MemoryMarshal.Cast<int, Vector<int>>(_costs.AsSpan(row * Width, Width));
        var sums = MemoryMarshal.Cast<int, Vector<int>>(totals[..Width]);
        for (var v = 0; v < sums.Length; v++)
        {
            sums[v] += costs[v];
        }
    }

    public string NameOf(string code) => Names.TryGetValue(code, out var name) ? name : code;

    private static long Key(char a, char b, char c) => (long)a << 32 | (long)b << 16 | c;

    private static LanguageModel Load()
    {
        using var reader = new StreamReader(EmbeddedResources.Open(ModelPath), Encoding.UTF8);
        string[]? codes = null;
        WordScript[]? scripts = null;
        short[]? floors = null;
        var rows = new Dictionary<long, int>();
        var costs = new List<short>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "languages":
                    codes = fields[1..];
                    continue;
                case "scripts":
                    scripts = [.. fields[1..].Select(s => Enum.Parse<WordScript>(s, ignoreCase: true))];
                    continue;
                case "floors":
                    floors = [.. fields[1..].Select(ParseCost)];
                    continue;
            }

            if (codes is null || floors is null || fields.Length != codes.Length + 1 || fields[0].Length != 3)
            {
                throw new InvalidOperationException(ErrorMessages.BadLexicon(ModelPath, $"line {lineNumber} is not a trigram row"));
            }

            rows.Add(Key(fields[0][0], fields[0][1], fields[0][2]), rows.Count);
            for (var l = 0; l < codes.Length; l++)
            {
                costs.Add(fields[l + 1] == "." ? floors[l] : ParseCost(fields[l + 1]));
            }
        }

        if (codes is null || scripts is null || floors is null || scripts.Length != codes.Length || floors.Length != codes.Length)
        {
            throw new InvalidOperationException(ErrorMessages.BadLexicon(ModelPath, "the languages, scripts or floors line is missing"));
        }

        var names = EmbeddedResources.ReadLines(NamesPath)
            .Select(l => l.Split('\t'))
            .ToFrozenDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return new LanguageModel(codes, scripts, floors, rows.ToFrozenDictionary(), [.. costs], names);
    }

    private static short ParseCost(string value) => short.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
