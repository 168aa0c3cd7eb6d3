using NewsNer.Entities;

namespace NewsNer.Server.Processing;

/// <summary>A set of entity types, as the <c>types</c> query parameter gives it (<c>PER,LOC</c>).</summary>
internal readonly record struct EntityTypeSet(byte Mask)
{
    /// <summary>Every type: PER, LOC, ORG and MISC.</summary>
    public static EntityTypeSet All { get; } = new(0b1111);

    /// <summary>Whether the set holds <paramref name="type"/>.</summary>
    public bool Contains(EntityType type) => (Mask & (1 << (int)type)) != 0;

    /// <summary>The types of the set, in enum order.</summary>
    public EntityType[] ToArray() => [.. Enum.GetValues<EntityType>().Where(Contains)];

    /// <summary>Parses a comma-separated list of labels (PER, LOC, ORG, MISC; case-insensitive, aliases as <see cref="EntityTypes.TryParse"/>).</summary>
    /// <returns>false with the first unknown label in <paramref name="bad"/>; an empty list is not a set.</returns>
    public static bool TryParse(string value, out EntityTypeSet set, out string bad)
    {
        byte mask = 0;
        bad = "";
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!EntityTypes.TryParse(part, out var type))
            {
                bad = part;
                set = default;
                return false;
            }

            mask |= (byte)(1 << (int)type);
        }

        set = new EntityTypeSet(mask);
        return mask != 0;
    }

    public override string ToString() => string.Join(',', ToArray().Select(t => t.ToLabel()));
}
