using NewsNer.Internal.Lexicons;
using NewsNer.Internal.Phrases;

namespace NewsNer.Entities.Linking;

/// <summary>
/// The comparable form of a name: its parts folded (case, accents and apostrophes ignored), split at spaces,
/// hyphens, apostrophes and periods, with the particles (<c>al</c>, <c>de</c>, <c>van</c>) marked, so that
/// <c>Al-Chaar</c>, <c>al-Chaar</c> and <c>Ahmad al-Chaar</c> can be compared part by part.
/// </summary>
internal sealed class NameForm
{
    private NameForm(string[] parts, bool[] particle, string? acronym, int capitals)
    {
        Parts = parts;
        IsParticle = particle;
        Acronym = acronym;
        Capitals = capitals;
        Key = string.Join(' ', parts);
        var particles = particle.AsSpan().Count(true);
        if (particles == 0 || particles == parts.Length)
        {
            // No particle (most names), or nothing but particles: the core is the whole name.
            Core = parts;
            CoreKey = Key;
            CorePositions = [.. Enumerable.Range(0, parts.Length)];
            return;
        }

        var core = new string[parts.Length - particles];
        var positions = new int[core.Length];
        var n = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!particle[i])
            {
                positions[n] = i;
                core[n++] = parts[i];
            }
        }

        Core = core;
        CoreKey = string.Join(' ', core);
        CorePositions = positions;
    }

    /// <summary>The index in <see cref="Parts"/> of each <see cref="Core"/> part.</summary>
    public int[] CorePositions { get; }

    /// <summary>
    /// Whether core part <paramref name="coreIndex"/> comes right after a patronymic particle (<c>Salmane</c> in
    /// <c>Mohamed ben Salmane</c>): it then names the person's father.
    /// </summary>
    public bool FollowsPatronymic(int coreIndex, IReadOnlySet<string> patronymics)
    {
        var position = CorePositions[coreIndex];
        return position > 0 && IsParticle[position - 1] && patronymics.Contains(Parts[position - 1]);
    }

    /// <summary>Every part, folded.</summary>
    public string[] Parts { get; }

    /// <summary>Whether each part is a particle.</summary>
    public bool[] IsParticle { get; }

    /// <summary>The parts that are not particles.</summary>
    public string[] Core { get; }

    /// <summary>The core parts joined by spaces (<c>assad</c> for <c>al-Assad</c>; the <see cref="Key"/> when there is no particle).</summary>
    public string CoreKey { get; }

    /// <summary>The parts joined by spaces: equal keys mean the same name up to case, accents and punctuation.</summary>
    public string Key { get; }

    /// <summary>The letters of the name when it is written as an acronym (<c>CENA</c>, <c>O.N.U.</c>), folded; else null.</summary>
    public string? Acronym { get; }

    /// <summary>Number of parts that start with a capital letter (prefers <c>Commission</c> over <c>commission</c>).</summary>
    public int Capitals { get; }

    /// <summary>
    /// The key of a name with a patronymic particle: its core parts with each patronymic particle kept as one word
    /// (<c>ben salmane</c> for <c>Ben Salmane</c> and <c>bin Salmane</c>); null when it has none.
    /// </summary>
    public string? PatronymicKey(IReadOnlySet<string> patronymics)
    {
        if (Parts.Length == Core.Length)
        {
            return null;
        }

        var found = false;
        var parts = new List<string>(Parts.Length);
        for (var p = 0; p < Parts.Length; p++)
        {
            if (!IsParticle[p])
            {
                parts.Add(Parts[p]);
            }
            else if (patronymics.Contains(Parts[p]))
            {
                parts.Add("ben");
                found = true;
            }
        }

        return found ? string.Join(' ', parts) : null;
    }

    /// <summary>The form of a name given as folded parts (none of them a particle).</summary>
    internal static NameForm FromParts(string[] parts) => new(parts, new bool[parts.Length], null, 0);

    /// <summary>Builds the form of a name as written.</summary>
    public static NameForm Create(ReadOnlySpan<char> text, FrenchLexicons lexicons)
    {
        var parts = new List<string>(4);
        var capitals = 0;
        var letters = 0;
        var uppers = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (char.IsLetter(text[i]))
                {
                    letters++;
                    if (char.IsUpper(text[i]))
                    {
                        uppers++;
                    }
                }

                i++;
            }

            if (i > start)
            {
                if (char.IsUpper(text[start]))
                {
                    capitals++;
                }

                parts.Add(TextFolding.Fold(text[start..i]));
            }
        }

        var particle = new bool[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            // A particle is only a particle inside a longer name: "Le Drian" keeps "le" as a particle, "Le" alone is a name.
            particle[p] = parts.Count > 1 && lexicons.NameParticles.Contains(parts[p]);
        }

        string? acronym = null;
        if (letters >= 2 && letters <= 10 && uppers >= letters - 1 && uppers >= 2)
        {
            // CENA, TOBB, O.N.U., UEMOA; "OTAN" and "Otan" both count once the capitals dominate.
            acronym = string.Concat(parts);
        }
        return new NameForm([.. parts], particle, acronym, capitals);
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
