namespace NewsNer.Entities;

/// <summary>The type of a named entity (CoNLL classes). JSON writes them as <c>PER</c>, <c>LOC</c>, <c>ORG</c>, <c>MISC</c>.</summary>
public enum EntityType : byte
{
    /// <summary>A person (<c>PER</c>).</summary>
    Person,

    /// <summary>A place: country, region, city, building, natural feature (<c>LOC</c>).</summary>
    Location,

    /// <summary>An organization: institution, ministry, company, party, armed group, news agency (<c>ORG</c>).</summary>
    Organization,

    /// <summary>Other names: events, works, products, laws (<c>MISC</c>).</summary>
    Misc,
}

/// <summary>Conversions between <see cref="EntityType"/> and the CoNLL labels.</summary>
public static class EntityTypes
{
    /// <summary>The CoNLL label: <c>PER</c>, <c>LOC</c>, <c>ORG</c> or <c>MISC</c>.</summary>
    public static string ToLabel(this EntityType type) => type switch
    {
        EntityType.Person => "PER",
        EntityType.Location => "LOC",
        EntityType.Organization => "ORG",
        EntityType.Misc => "MISC",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entity type."),
    };

    /// <summary>Parses a CoNLL label (<c>PER</c>, <c>LOC</c>, <c>ORG</c>, <c>MISC</c>, case-insensitive; <c>PERS</c>, <c>GPE</c> accepted).</summary>
    public static bool TryParse(ReadOnlySpan<char> label, out EntityType type)
    {
        if (label.Equals("PER", StringComparison.OrdinalIgnoreCase) || label.Equals("PERS", StringComparison.OrdinalIgnoreCase) || label.Equals("PERSON", StringComparison.OrdinalIgnoreCase))
        {
            type = EntityType.Person;
            return true;
        }

        if (label.Equals("LOC", StringComparison.OrdinalIgnoreCase) || label.Equals("GPE", StringComparison.OrdinalIgnoreCase) || label.Equals("LOCATION", StringComparison.OrdinalIgnoreCase))
        {
            type = EntityType.Location;
            return true;
        }

        if (label.Equals("ORG", StringComparison.OrdinalIgnoreCase) || label.Equals("ORGANIZATION", StringComparison.OrdinalIgnoreCase) || label.Equals("ORGANISATION", StringComparison.OrdinalIgnoreCase))
        {
            type = EntityType.Organization;
            return true;
        }

        if (label.Equals("MISC", StringComparison.OrdinalIgnoreCase))
        {
            type = EntityType.Misc;
            return true;
        }

        type = default;
        return false;
    }
}
