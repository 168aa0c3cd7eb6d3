using NewsNer.Internal;
using NewsNer.Language;

namespace NewsNer.Pipeline;

/// <summary>
/// Identifies the language of the text (<see cref="LanguageIdentifier"/>) unless the caller declared it. A text that
/// is not French gets a warning; <see cref="NewsPipeline"/> then skips the stages in <see cref="FrenchOnly"/>.
/// </summary>
internal sealed class LanguageStage(LanguageIdentifier identifier) : IPipelineStage
{
    /// <summary>What only French text gets: the layers of the French models.</summary>
    public const Annotations FrenchOnly = Annotations.Mentions | Annotations.Entities | Annotations.Events;

    public string Name => "language";

    public Annotations Requires => Annotations.None;

    public Annotations Produces => Annotations.Language;

    public void Run(AnnotationState state, CancellationToken cancellationToken)
    {
        if (state.Options.Language is not null)
        {
            return;
        }

        var guess = identifier.Identify(state.Text);
        if (!guess.IsFrench)
        {
            state.Language = guess.Code;
            state.Warnings.Add(new DocumentWarning(DocumentWarning.NotFrench, ErrorMessages.NotFrench(identifier.NameOf(guess.Code), guess.Code, guess.Confidence)));
        }
    }

    /// <summary>Applies <see cref="DocumentOptions.Language"/> before any stage runs, in every pipeline.</summary>
    public static void ApplyDeclared(AnnotationState state)
    {
        if (state.Options.Language is not { } declared)
        {
            return;
        }

        // A language tag keeps its primary subtag (fr-CA → fr); what is left must be an ISO 639 code.
        var code = declared.Trim().Split('-', '_')[0].ToLowerInvariant();
        if (code.Length is < 2 or > 3 || !code.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException(ErrorMessages.InvalidLanguage(declared));
        }

        state.Language = code;
        if (state.Language != Document.French)
        {
            state.Warnings.Add(new DocumentWarning(DocumentWarning.NotFrench, ErrorMessages.DeclaredNotFrench(state.Language)));
        }
    }
}
