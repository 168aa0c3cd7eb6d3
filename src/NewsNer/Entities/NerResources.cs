using NewsNer.Internal;

namespace NewsNer.Entities;

/// <summary>The embedded recognizer model, loaded once on first use.</summary>
internal static class NerResources
{
    public const string ModelPath = "models/ner-fr.nner";

    private static readonly Lazy<NerModel> s_model = new(LoadModel, LazyThreadSafetyMode.ExecutionAndPublication);

    public static NerModel Model => s_model.Value;

    private static NerModel LoadModel()
    {
        using var stream = EmbeddedResources.Open(ModelPath);
        return NerModel.Read(stream);
    }
}
