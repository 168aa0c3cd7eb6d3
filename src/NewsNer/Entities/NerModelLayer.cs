using System.Runtime.InteropServices;
using NewsNer.Internal;

namespace NewsNer.Entities;

/// <summary>
/// A domain layer over a base <see cref="NerModel"/>: new weights for the features a domain adaptation changed (the
/// news layer: trained on news articles with a prior centred on the corpus weights, see <c>docs/training.md</c>), and
/// the domain's own label transitions. It names a profile (<c>news</c>) that becomes the model's default; the base
/// model's profiles keep their exact weights. Keys are stored whole (64 bits), so the base can always be restored.
/// Weights are quantized with the base table's scale. Immutable.
/// </summary>
internal sealed class NerModelLayer
{
    public NerModelLayer(
        string profile, int templateVersion, float[] transitions, float[] start, float[] end,
        ulong[] modifiedKeys, NerModel.Weights[] modifiedWeights, ulong[] addedKeys, NerModel.Weights[] addedWeights, string metadata)
    {
        if (modifiedKeys.Length != modifiedWeights.Length || addedKeys.Length != addedWeights.Length
            || transitions.Length != NerLabels.Count * NerLabels.Count || start.Length != NerLabels.Count || end.Length != NerLabels.Count)
        {
            throw new ArgumentException("Inconsistent model layer arrays.");
        }

        Profile = profile;
        TemplateVersion = templateVersion;
        Transitions = transitions;
        Start = start;
        End = end;
        ModifiedKeys = modifiedKeys;
        ModifiedWeights = modifiedWeights;
        AddedKeys = addedKeys;
        AddedWeights = addedWeights;
        Metadata = metadata;
    }

    /// <summary>The profile the layer defines (the model's default once the layer is applied).</summary>
    public string Profile { get; }

    /// <summary>The feature-template version the layer was trained with.</summary>
    public int TemplateVersion { get; }

    /// <summary>The layer's transition scores, <c>[from * Count + to]</c>.</summary>
    public float[] Transitions { get; }

    public float[] Start { get; }

    public float[] End { get; }

    /// <summary>Features of the base table whose weights the layer replaces.</summary>
    public ulong[] ModifiedKeys { get; }

    /// <summary>The layer's weights of <see cref="ModifiedKeys"/>.</summary>
    public NerModel.Weights[] ModifiedWeights { get; }

    /// <summary>Features the base table does not have.</summary>
    public ulong[] AddedKeys { get; }

    /// <summary>The weights of <see cref="AddedKeys"/>.</summary>
    public NerModel.Weights[] AddedWeights { get; }

    /// <summary>Free-form JSON describing how the layer was trained.</summary>
    public string Metadata { get; }

    /// <summary>Number of features the layer holds.</summary>
    public int FeatureCount => ModifiedKeys.Length + AddedKeys.Length;

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Profile);
        writer.Write(TemplateVersion);
        writer.Write(Metadata);
        foreach (var values in new[] { Transitions, Start, End })
        {
            foreach (var v in values)
            {
                writer.Write(v);
            }
        }

        WriteEntries(writer, ModifiedKeys, ModifiedWeights);
        WriteEntries(writer, AddedKeys, AddedWeights);
    }

    internal static NerModelLayer Read(BinaryReader reader, Stream body)
    {
        var profile = reader.ReadString();
        var version = reader.ReadInt32();
        if (version != NerFeatureExtractor.Version)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER model", "its news layer was trained with other feature templates"));
        }

        var metadata = reader.ReadString();
        var transitions = ReadFloats(reader, NerLabels.Count * NerLabels.Count);
        var start = ReadFloats(reader, NerLabels.Count);
        var end = ReadFloats(reader, NerLabels.Count);
        var (modifiedKeys, modifiedWeights) = ReadEntries(reader, body);
        var (addedKeys, addedWeights) = ReadEntries(reader, body);
        return new NerModelLayer(profile, version, transitions, start, end, modifiedKeys, modifiedWeights, addedKeys, addedWeights, metadata);
    }

    private static void WriteEntries(BinaryWriter writer, ulong[] keys, NerModel.Weights[] weights)
    {
        writer.Write(keys.Length);
        writer.Write(MemoryMarshal.AsBytes(keys.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(weights.AsSpan()));
    }

    private static (ulong[] Keys, NerModel.Weights[] Weights) ReadEntries(BinaryReader reader, Stream body)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 1 << 26)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad layer size"));
        }

        var keys = new ulong[count];
        body.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));
        var weights = new NerModel.Weights[count];
        body.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan()));
        return (keys, weights);
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = reader.ReadSingle();
        }

        return values;
    }
}
