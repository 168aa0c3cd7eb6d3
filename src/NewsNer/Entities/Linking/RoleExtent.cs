using NewsNer.Internal.Lexicons;

namespace NewsNer.Entities.Linking;

/// <summary>How a role description relates to the names around it.</summary>
internal enum RoleAttachment : byte
{
    /// <summary>Used alone, in place of a name (<c>le président russe a déclaré</c>): a nominal mention.</summary>
    Standalone,

    /// <summary>Before a name (<c>le président russe Vladimir Poutine</c>, <c>son homologue, Maxim Ryzhenkov</c>).</summary>
    PreModifier,

    /// <summary>After a name and a comma (<c>Hakan Fidan, le chef de la diplomatie turque,</c>).</summary>
    Apposition,
}

/// <summary>
/// A role description found in the text: the role phrase with its modifiers and complements
/// (<c>le ministre turc des Affaires étrangères</c>: role ministre des affaires étrangères, country TR).
/// </summary>
internal sealed class RoleExtent
{
    /// <summary>First token, determiner included.</summary>
    public int Start { get; set; }

    /// <summary>First token of the role phrase itself.</summary>
    public int RoleStart { get; set; }

    /// <summary>Token just past the description.</summary>
    public int End { get; set; }

    public required RoleEntry Role { get; set; }

    /// <summary>ISO alpha-2 of the country the description gives (demonym or <c>de + pays</c>).</summary>
    public string? Country { get; set; }

    /// <summary>Every country of coordinated demonyms ("les ministres arménien et azerbaïdjanais"), in order.</summary>
    public List<string> Countries { get; private set; } = [];

    /// <summary>The person no longer holds the role (<c>ancien</c>, <c>déchu</c>).</summary>
    public bool Former { get; set; }

    /// <summary>Index of an organization mention the role belongs to (<c>président de la CENA</c>), or -1.</summary>
    public int AffiliationMention { get; set; } = -1;

    /// <summary>Classes of the determiner before the role (definite, possessive, demonstrative, indefinite).</summary>
    public WordClass Determiner { get; set; }

    public int Sentence { get; set; }

    public RoleAttachment Attachment { get; set; }

    /// <summary>The name mention the description modifies, or -1 (standalone).</summary>
    public int Mention { get; set; } = -1;

    /// <summary>For a counterpart (<c>homologue</c>): the role of the person it is the counterpart of, once known.</summary>
    public RoleEntry? ResolvedRole { get; set; }

    /// <summary>The role that counts: the resolved one for a counterpart, else <see cref="Role"/>.</summary>
    public RoleEntry EffectiveRole => ResolvedRole ?? Role;

    /// <summary>An institution named in common nouns follows the role ("président de la commission", "chef d'état-major de l'armée française").</summary>
    public bool InstitutionComplement { get; set; }

    /// <summary>The role's function, <c>head_of_organization</c> when the role belongs to an organization.</summary>
    public string Function => (AffiliationMention >= 0 || InstitutionComplement) && EffectiveRole.Function is "head_of_state" or "leader" ? "head_of_organization" : EffectiveRole.Function;

    /// <summary>The role as analysts read it: lower case, <c>ancien</c> before a former role.</summary>
    public string Label => Former ? "ancien " + EffectiveRole.Singular : EffectiveRole.Singular;

    /// <summary>A copy for another name the same description modifies ("les chefs de délégation X et Y").</summary>
    public RoleExtent For(int mention) => (RoleExtent)MemberwiseClone() is var copy ? WithMention(copy, mention) : this;

    private static RoleExtent WithMention(RoleExtent copy, int mention)
    {
        copy.Mention = mention;
        copy.Countries = [.. copy.Countries];
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Start},{End}) {Label} {Country} {Attachment} m{Mention}";
}
