using System.Collections.Frozen;
using System.Text;

namespace NewsNer.Serialization;

/// <summary>
/// The JSON names of an enum's members: snake case of the member name (<c>HostVisit</c> → <c>host_visit</c>). Derived
/// from the names so that members added later serialize without touching the serializer; the documented names are
/// pinned by tests.
/// </summary>
internal static class JsonNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> s_names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => ToSnakeCase(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> s_values =
        s_names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static string Get(TEnum value) =>
        s_names.TryGetValue(value, out var name) ? name : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string name, out TEnum value) => s_values.TryGetValue(name, out value);

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
