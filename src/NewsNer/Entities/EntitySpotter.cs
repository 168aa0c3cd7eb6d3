using System.Collections.Frozen;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// Finds user-given names (<see cref="NewsPipelineBuilder.AddEntities"/>) in token sequences: exact, case-sensitive
/// matches of the name's tokens, with typographic apostrophes, quotes and dashes read as ASCII; the longest match wins.
/// Immutable and thread-safe.
/// </summary>
internal sealed class EntitySpotter
{
    private readonly FrozenDictionary<ulong, EntityType> _names;
    private readonly FrozenSet<ulong> _prefixes;

    public EntitySpotter(IEnumerable<(EntityType Type, string Name)> names, FrenchTokenizer tokenizer)
    {
        var map = new Dictionary<ulong, EntityType>();
        var prefixes = new HashSet<ulong>();
        foreach (var (type, name) in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var tokens = tokenizer.TokenizeToArray(name);
            if (tokens.Length == 0)
            {
                continue;
            }

            MaxTokens = Math.Max(MaxTokens, tokens.Length);
            var key = FeatureHash.Seed;
            for (var i = 0; i < tokens.Length; i++)
            {
                key = Append(key, tokens[i].Span);
                if (i < tokens.Length - 1)
                {
                    prefixes.Add(key);
                }
            }

            map[key] = type;
        }

        _names = map.ToFrozenDictionary();
        _prefixes = prefixes.ToFrozenSet();
    }

    public int MaxTokens { get; }

    public int Count => _names.Count;

    /// <summary>Appends the matches in <paramref name="tokens"/> as (first token, token count, type), left to right, non-overlapping.</summary>
    public void Match(ReadOnlySpan<Token> tokens, List<(int First, int Count, EntityType Type)> matches)
    {
        var i = 0;
        while (i < tokens.Length)
        {
            var key = FeatureHash.Seed;
            var bestLength = 0;
            var bestType = EntityType.Person;
            for (var j = i; j < tokens.Length && j - i < MaxTokens; j++)
            {
                key = Append(key, tokens[j].Span);
                if (_names.TryGetValue(key, out var type))
                {
                    bestLength = j - i + 1;
                    bestType = type;
                }

                if (!_prefixes.Contains(key))
                {
                    break;
                }
            }

            if (bestLength > 0)
            {
                matches.Add((i, bestLength, bestType));
                i += bestLength;
            }
            else
            {
                i++;
            }
        }
    }

    private static ulong Append(ulong key, ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            var folded = c switch
            {
                '\u2019' or '\u2018' or '\u02BC' or '`' => '\'',
                '\u201C' or '\u201D' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2013' => '-',
                '\u00A0' or '\u202F' => ' ',
                _ => c,
            };
            key = FeatureHash.Add(key, folded);
        }

        return FeatureHash.Add(key, '\u0001');
    }
}
