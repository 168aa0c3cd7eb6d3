using System.Globalization;

namespace NewsNer.Cli.Commands;

/// <summary>The comma-separated integers an option takes (folds, seeds): a usage error naming the option otherwise.</summary>
internal static class IntegerList
{
    /// <summary>Parses <c>1,2,3</c>: at least one integer, each at least <paramref name="minimum"/>, in the order given.</summary>
    public static List<int> Parse(string text, string option, int minimum = int.MinValue)
    {
        var values = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
            {
                throw new UsageException(minimum == int.MinValue
                    ? $"{option}: '{item}' is not an integer"
                    : string.Create(CultureInfo.InvariantCulture, $"{option}: '{item}' is not an integer of {minimum} or more"));
            }

            values.Add(value);
        }

        return values.Count > 0 ? values : throw new UsageException($"{option}: expected comma-separated integers, e.g. 0,1,2");
    }
}
