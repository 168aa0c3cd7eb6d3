namespace NewsNer.Entities;

/// <summary>
/// The BIO label set of the recognizer: <c>O</c>, then <c>B-</c>/<c>I-</c> for each <see cref="EntityType"/>.
/// Label <c>1 + 2t</c> begins type <c>t</c>, label <c>2 + 2t</c> continues it.
/// </summary>
internal static class NerLabels
{
    public const int Count = 9;
    public const int Outside = 0;
    public const int TypeCount = 4;

    private static readonly string[] s_names = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];

    public static ReadOnlySpan<string> Names => s_names;

    public static int Begin(EntityType type) => 1 + (2 * (int)type);

    public static int Inside(EntityType type) => 2 + (2 * (int)type);

    public static bool IsBegin(int label) => label > 0 && (label & 1) == 1;

    public static bool IsInside(int label) => label > 0 && (label & 1) == 0;

    public static EntityType TypeOf(int label) => (EntityType)((label - 1) >> 1);

    public static string Name(int label) => s_names[label];

    /// <summary>Whether <paramref name="next"/> may follow <paramref name="previous"/> (−1 = sentence start) in valid BIO.</summary>
    public static bool IsAllowed(int previous, int next) =>
        !IsInside(next) || (previous > 0 && TypeOf(previous) == TypeOf(next));

    /// <summary>Parses <c>O</c>, <c>B-X</c>, <c>I-X</c> (also <c>E-</c>/<c>S-</c>/<c>L-</c>/<c>U-</c> read as I/B); unknown types read as O.</summary>
    public static int Parse(ReadOnlySpan<char> tag)
    {
        if (tag.Length < 3 || tag[1] != '-')
        {
            return Outside;
        }

        if (!EntityTypes.TryParse(tag[2..], out var type))
        {
            return Outside;
        }

        return tag[0] switch
        {
            'B' or 'S' or 'U' => Begin(type),
            'I' or 'E' or 'L' => Inside(type),
            _ => Outside,
        };
    }
}
