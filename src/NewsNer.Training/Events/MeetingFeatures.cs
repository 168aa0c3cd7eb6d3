using NewsNer.Entities.Linking;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Events;
using NewsNer.Internal.Lexicons;
using NewsNer.Pipeline;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Training.Events;

/// <summary>
/// The raw evidence the rules look at around a sentence's first meeting trigger, as a feature vector for a learned
/// classifier: tense and auxiliary, cue words (planning, background, cancelling, negation, vague counts, interviews),
/// date direction, how many parties are named. The rules' own decisions (status, dropped) are not features, so a
/// classifier trained on these competes with the rules rather than copying them.
/// </summary>
internal static class MeetingFeatures
{
    /// <summary>Number of numeric features.</summary>
    public const int Count = 30;

    public static readonly string[] Names =
    [
        "has_trigger", "is_verb", "strength", "tense_present", "tense_imperfect", "tense_simple_past", "tense_future", "tense_conditional",
        "tense_subjunctive", "tense_past_participle", "tense_infinitive", "aux_present", "aux_imperfect", "aux_future", "aux_conditional",
        "aller", "planned_before", "planned_after", "past_before", "past_after", "cancel_near", "cancel_sentence", "negated", "vague",
        "interview", "date_future", "date_background", "date_vague", "named_parties", "unnamed_parties",
    ];

    /// <summary>Features of a sentence and the lemma of its first trigger ("" when none).</summary>
    public static (float[] Values, string Lemma) Of(string text, NameListStage names, DateOnly? publication = null)
    {
        var state = new AnnotationState(text, new DocumentOptions { PublicationDate = publication });
        new TokenizerStage(FrenchTokenizer.Default).Run(state, default);
        new SentenceStage(SentenceSplitter.Default).Run(state, default);
        names.Run(state, default);
        new EntityLinkerStage(EntityLinker.Default).Run(state, default);
        var reading = MeetingExtractor.Default.Read(new EventDocumentIndex(state.Linking!, publication));
        var index = reading.Index;
        var mentions = reading.Mentions;
        var values = new float[Count];
        var mention = mentions.FirstOrDefault(m => !m.IsSummit) ?? mentions.FirstOrDefault();
        if (mention is null)
        {
            return (values, string.Empty);
        }

        var view = index.View;
        var trigger = mention.Trigger;
        values[0] = 1;
        values[1] = trigger.IsVerb ? 1 : 0;
        values[2] = (float)trigger.Strength / 2f;
        if (trigger.IsVerb)
        {
            values[3 + (int)trigger.Tense switch { 0 => 0, 1 => 1, 2 => 2, 3 => 3, 4 => 4, 5 => 5, 6 => 6, _ => 7 }] = 1;
        }

        // The auxiliary or "aller" right before the trigger (over adverbs, clitics, negation).
        var k = mention.TriggerStart;
        for (var steps = 0; steps < 5 && k > mention.ClauseStart; steps++)
        {
            var classes = index.ClassesEndingAt(k);
            if ((classes & (WordClass.Auxiliary | WordClass.Aller)) != 0 && (classes & WordClass.TParticiple) == 0)
            {
                values[11] = (classes & WordClass.TPresent) != 0 ? 1 : 0;
                values[12] = (classes & (WordClass.TImperfect | WordClass.TSimplePast)) != 0 ? 1 : 0;
                values[13] = (classes & WordClass.TFuture) != 0 ? 1 : 0;
                values[14] = (classes & WordClass.TConditional) != 0 ? 1 : 0;
                values[15] = (classes & WordClass.Aller) != 0 ? 1 : 0;
                break;
            }

            if (classes == WordClass.None)
            {
                break;
            }

            k -= Math.Max(1, PhraseLength(view, k));
        }

        values[16] = Flag(index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 8, CueClass.Planned));
        values[17] = Flag(index.HasCueAfter(Math.Max(mention.TriggerEnd, mention.ComplementEnd), mention.ClauseEnd, 3, CueClass.Planned));
        values[18] = Flag(index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 4, CueClass.Past));
        values[19] = Flag(index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 2, CueClass.Past));
        values[20] = Flag(index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 8, CueClass.Cancel) || index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 6, CueClass.Cancel));
        var sentence = view.Sentences[mention.Sentence];
        values[21] = Flag(index.HasCue(sentence.FirstToken, sentence.EndToken, CueClass.Cancel));
        values[22] = Flag(reading.Status.IsNegated(mention));
        values[23] = Flag(index.HasCue(sentence.FirstToken, sentence.EndToken, CueClass.Vague) || index.NumberBefore(mention.TriggerStart));
        values[24] = Flag(index.HasCue(sentence.FirstToken, sentence.EndToken, CueClass.Interview));
        values[25] = Flag(mention.Date is { } future && index.Calendar.IsFuture(future));
        values[26] = Flag(mention.Date is { } background && index.Calendar.IsBackground(background));
        values[27] = Flag(mention.Date?.Vague == true);
        values[28] = Math.Min(mention.Parties.Count, 3) / 3f;
        values[29] = Math.Min(mention.Unnamed.Count, 2) / 2f;
        return (values, trigger.Lemma);
    }

    private static float Flag(bool value) => value ? 1 : 0;

    private static int PhraseLength(LexicalView view, int index)
    {
        for (var back = 3; back >= 1; back--)
        {
            if (index - back >= 0 && view.ClassLengths[index - back] == back)
            {
                return back;
            }
        }

        return 1;
    }
}
