using NewsNer.Entities.Linking;
using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events;
using NewsNer.Internal.Lexicons;
using NewsNer.Internal;
using NewsNer.Language;
using NewsNer.Pipeline;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer;

/// <summary>
/// Chooses the stages and options of a <see cref="NewsPipeline"/>. Stages run in the order tokens → sentences →
/// entities → linking → events; <see cref="Build"/> checks that each stage has what it needs. A builder is not
/// thread-safe; the pipeline it builds is.
/// </summary>
public sealed class NewsPipelineBuilder
{
    private readonly List<IPipelineStage> _stages = [];
    private readonly List<(EntityType Type, string Name)> _userEntities = [];

    internal NewsPipelineBuilder()
    {
    }

    /// <summary>
    /// Adds every stage, with the embedded models: language identification, tokens, sentences, entity recognition,
    /// linking and meeting events.
    /// </summary>
    public NewsPipelineBuilder UseAll()
    {
        // The linking and event lexicons do not depend on the recognizer's files: read them on another core meanwhile.
        var frenchLexicons = Task.Run(() => FrenchLexicons.Default);
        UseLanguageDetection().UseTokenizer().UseSentences().UseEntities();
        frenchLexicons.Wait();
        if (Produces(Annotations.Mentions))
        {
            UseLinking().UseEvents();
        }

        return this;
    }

    /// <summary>
    /// Adds language identification, run before every other stage: a text that is not French (by an embedded
    /// character-trigram model; French news quoting other languages stays French, and a text too short to tell is taken
    /// as French) gets its language in <see cref="Document.Language"/>, a <see cref="DocumentWarning.NotFrench"/>
    /// warning, tokens and sentences, but no entities or events. <see cref="DocumentOptions.Language"/> overrides it.
    /// </summary>
    public NewsPipelineBuilder UseLanguageDetection()
    {
        _ = LanguageIdentifier.Default;
        return Add(new LanguageStage(LanguageIdentifier.Default));
    }

    /// <summary>Adds the French tokenizer.</summary>
    public NewsPipelineBuilder UseTokenizer() => Add(new TokenizerStage(FrenchTokenizer.Default));

    /// <summary>Adds sentence splitting (needs tokens).</summary>
    public NewsPipelineBuilder UseSentences() => Add(new SentenceStage(SentenceSplitter.Default));

    /// <summary>
    /// Adds entity linking (needs entity mentions): mentions of the same entity are clustered (<c>Poutine</c> joins
    /// <c>Vladimir Poutine</c>, <c>CENA</c> its expansion), entities get roles, country, kind and CAMEO actor code, and
    /// role descriptions used instead of a name (<c>le président russe</c>) become nominal mentions.
    /// </summary>
    public NewsPipelineBuilder UseLinking() => Add(new EntityLinkerStage(EntityLinker.Default));

    /// <summary>
    /// Adds diplomatic-meeting extraction (needs linking): meetings, visits, phone calls, summits and negotiations with
    /// their participants and roles, place, date, topics, status and CAMEO/PLOVER codes.
    /// </summary>
    public NewsPipelineBuilder UseEvents() => Add(new MeetingEventStage(MeetingExtractor.Default));

    /// <summary>Adds meeting extraction with the given learned decisions (null: the rules alone), for training and evaluation.</summary>
    internal NewsPipelineBuilder UseEvents(Events.Decisions.EventModel? model) => Add(new MeetingEventStage(MeetingExtractor.Default, model));

    /// <summary>
    /// Adds entity recognition (needs tokens and sentences) with the embedded French model: PER, LOC, ORG and MISC name
    /// mentions, each with a confidence. The model is loaded once per process, on first use.
    /// </summary>
    /// <param name="options">Recognition options, or null for the defaults.</param>
    public NewsPipelineBuilder UseEntities(EntityRecognitionOptions? options = null)
    {
        // The model and the lexicons are separate embedded files: read the lexicons on another core while the model loads.
        var lexicons = Task.Run(() => NerLexicons.Default);
        var model = NerResources.Model;
        lexicons.Wait();
        return Add(new EntityRecognizerStage(CreateRecognizer(model, options, null)));
    }

    /// <summary>
    /// Adds entity recognition with a model trained by <c>newsner train</c> (or <c>NewsNer.Training</c>) instead of the
    /// embedded one. The stream is read now and may be closed afterwards.
    /// </summary>
    /// <param name="model">The model file (raw, gzip or Brotli).</param>
    /// <param name="options">Recognition options, or null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream is not a NewsNer model of this version.</exception>
    public NewsPipelineBuilder UseEntities(Stream model, EntityRecognitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Add(new EntityRecognizerStage(CreateRecognizer(NerModel.Read(model), options, null)));
    }

    /// <summary>
    /// Adds names of one type that the entity stage must recognize: wherever the tokens of a name occur (case-sensitive;
    /// typographic and ASCII apostrophes, quotes and dashes are equivalent), it is a mention of that type with confidence 1,
    /// taking precedence over the statistical model. The longest name wins when several match. Needs
    /// <see cref="UseEntities(EntityRecognitionOptions?)"/>; may be called several times.
    /// </summary>
    /// <param name="type">The type of every name given.</param>
    /// <param name="names">The names (blank ones are ignored).</param>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined type.</exception>
    public NewsPipelineBuilder AddEntities(EntityType type, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, ErrorMessages.UnknownEntityType);
        }

        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                _userEntities.Add((type, name));
            }
        }

        return this;
    }

    /// <summary>Builds the immutable, thread-safe pipeline.</summary>
    /// <exception cref="InvalidOperationException">No stage, or a stage whose requirements no earlier stage produces.</exception>
    public NewsPipeline Build()
    {
        if (_stages.Count == 0)
        {
            throw new InvalidOperationException(ErrorMessages.EmptyPipeline);
        }

        var stages = _stages.ToArray();
        if (_userEntities.Count > 0)
        {
            var index = Array.FindIndex(stages, s => s is EntityRecognizerStage);
            if (index < 0)
            {
                throw new InvalidOperationException(ErrorMessages.UserEntitiesNeedRecognizer);
            }

            var recognizer = ((EntityRecognizerStage)stages[index]).Recognizer;
            var spotter = new EntitySpotter(_userEntities, FrenchTokenizer.Default);
            stages[index] = new EntityRecognizerStage(recognizer.WithSpotter(spotter));
        }

        var done = Annotations.None;
        foreach (var stage in stages)
        {
            var missing = stage.Requires & ~done;
            if (missing != Annotations.None)
            {
                throw new InvalidOperationException(ErrorMessages.StageRequires(stage.Name, missing));
            }

            done |= stage.Produces;
        }

        return new NewsPipeline(stages);
    }

    private static EntityRecognizer CreateRecognizer(NerModel model, EntityRecognitionOptions? options, EntitySpotter? spotter)
    {
        options ??= new EntityRecognitionOptions();
        // A model trained without lexicons (id 0) runs without them.
        var lexicons = model.LexiconId == NerLexicons.Empty.Id ? NerLexicons.Empty : NerLexicons.Default;
        return new EntityRecognizer(model, lexicons, spotter, new EntityRecognizerOptions
        {
            DocumentConsistency = options.DocumentConsistency,
            MinConfidence = Math.Clamp(options.MinConfidence, 0f, 1f),
            Profile = options.Profile,
            Types = options.Types,
            LiteralPlaces = model.IsLiteralConvention(options.Profile) ? EntityRecognizer.DefaultLiteralPlaces : null,
        });
    }

    private bool Produces(Annotations layer) => _stages.Any(s => (s.Produces & layer) != 0);

    internal NewsPipelineBuilder Add(IPipelineStage stage)
    {
        if (_stages.Any(s => s.Name == stage.Name))
        {
            throw new InvalidOperationException(ErrorMessages.DuplicateStage(stage.Name));
        }

        _stages.Add(stage);
        return this;
    }
}
