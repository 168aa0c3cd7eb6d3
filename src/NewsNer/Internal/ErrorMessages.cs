using NewsNer.Pipeline;

namespace NewsNer.Internal;

/// <summary>Every error message of the library, in one place.</summary>
internal static class ErrorMessages
{
    public static string MissingResource(string name) =>
        $"The embedded resource '{name}' is missing from the NewsNer assembly. The package is incomplete or was built without its Resources folder: " +
        "reinstall the NewsNer package, or rebuild it from a clone whose src/NewsNer/Resources folder is complete.";

    public static string StageRequires(string stage, Annotations missing) =>
        $"The pipeline stage '{stage}' needs {missing}, which no earlier stage produces. Add the stages in order: tokens, sentences, entities, linking, events.";

    public static string DuplicateStage(string stage) => $"The pipeline already has a '{stage}' stage.";

    public static string TokensDoNotMatchText =>
        "The tokens do not belong to this text: each must lie inside it, in order, without overlap. Pass the tokens the tokenizer returned for this same text.";

    public static string EmptyPipeline => "The pipeline has no stage. Call UseTokenizer() at least, or use NewsPipeline.CreateDefault().";

    public static string BadLexicon(string path, string detail) =>
        $"The embedded lexicon '{path}' is malformed: {detail}. Fix the file under src/NewsNer/Resources and rebuild.";

    public static string BadModel(string what, string detail) =>
        $"The {what} could not be read: {detail}. Use a model file written by 'newsner train' with the same NewsNer version.";

    public static string NotAnEventModel => "Not a NewsNer event model (train one with 'newsner train-events').";

    public static string EventModelVersion(int found, int expected) =>
        $"The event model was trained with feature templates version {found}; this NewsNer reads version {expected}. Retrain it with 'newsner train-events'.";

    public static string JsonNotAnObject(string found) => $"A NewsNer JSON document must be an object, found {found}.";

    public static string JsonUnsupportedSchema(string schema) =>
        $"The JSON declares schema '{schema}', but this NewsNer reads 'newsner/1'. Read it with the NewsNer version that wrote it, or re-run extraction.";

    public static string JsonMissingText => "The JSON document has no 'text': offsets cannot be checked without it. Write documents with NewsJson.Serialize.";

    public static string JsonErrorRecord(string? source, string? message) =>
        $"The JSON record is an error record{(source is null ? "" : $" for '{source}'")}, not a document: {message}";

    public static string JsonUnexpectedToken(string expected, string found) => $"Expected {expected}, found {found}.";

    public static string JsonUnknownValue(string field, string value) => $"Unknown value '{value}' for '{field}'.";

    public static string JsonTokenTextMismatch(int index, string? written, string actual) =>
        $"Token {index} has text '{written}' but the document text has '{actual}' at its offsets: the text or the offsets were changed.";

    public static string JsonInvalidDocument(string detail) => $"The JSON describes an invalid document: {detail}";

    public static string NotFrench(string name, string code, float share) =>
        $"The text reads as {name} ({code}, {share:P0} of its letters), not French: entities and events were not extracted; declare it French to process it anyway.";

    public static string InvalidLanguage(string declared) =>
        $"DocumentOptions.Language '{declared}' is not a language code: use an ISO 639-1 code such as \"fr\" or \"en\", or null to identify the language.";

    public static string DeclaredNotFrench(string code) =>
        $"The text was declared as '{code}', not French: entities and events were not extracted (NewsNer's models are French).";

    public static string UnknownEntityType => "Unknown entity type: use EntityType.Person, Location, Organization or Misc.";

    public static string UserEntitiesNeedRecognizer =>
        "AddEntities needs the entity stage: call UseEntities() (or UseAll()) on the builder before Build().";

    public static string DocumentTimeLimit(TimeSpan limit) =>
        $"The document took longer than the time limit of {limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (BatchOptions.MaxDocumentTime) and was stopped; the batch went on.";

    public static string NonPositiveDocumentTime => "BatchOptions.MaxDocumentTime must be positive, or null for no limit.";

    public static string UnknownProfile(string profile, IEnumerable<string> profiles, string defaultProfile) =>
        $"The entity model has no profile '{profile}'. Its profiles: {string.Join(", ", profiles.DefaultIfEmpty("(none)"))}; default: '{defaultProfile}'.";
}
