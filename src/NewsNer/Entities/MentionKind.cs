namespace NewsNer.Entities;

/// <summary>How a mention refers to its entity.</summary>
public enum MentionKind : byte
{
    /// <summary>A proper name (<c>Vladimir Poutine</c>, <c>Poutine</c>).</summary>
    Name,

    /// <summary>A role description used in place of the name (<c>le président russe</c>, <c>son homologue syrien</c>).</summary>
    Nominal,
}
