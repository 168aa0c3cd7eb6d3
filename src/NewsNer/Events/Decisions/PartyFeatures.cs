using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Decisions;

/// <summary>
/// Features of one candidate party of a meeting mention, for the role decision (none, host, guest, participant):
/// where the rules put it, where it stands from the trigger (side, distance, the preposition or word before it), what
/// it is (person or organization, office, how often the document names it), crossed with the trigger's frame and lemma.
/// </summary>
internal static class PartyFeatures
{
    private enum T
    {
        Bias = 1,
        Source,
        RuleRole,
        RuleRoleFrame,
        RuleRoleLemma,
        Position,
        PositionFrame,
        Distance,
        DistanceFrame,
        Preposition,
        PrepositionFrame,
        PrepositionPosition,
        PrepositionLemma,
        Type,
        Kind,
        ReferentKind,
        Function,
        Leader,
        Mentions,
        Rank,
        FirstSentence,
        Occurrences,
        Candidates,
        Parentheses,
        WordBefore,
        WordBeforeFrame,
        WordAfter,
        CommaBefore,
        SubjectLike,
        SentenceIndex,
        Dropped,
        RuleParties,
        NoRuleParty,
        Lemma,
        SourceFrame,
        PositionLemma,
        TypeFrame,
        Passive,
        RankFrame,
        SameSentenceAsFirst,
        RelativeBetween,
        SubordinatorBetween,
        CommaBetween,
        TriggerBetween,
        GoverningWord,
    }

    /// <summary>Tokens read between the trigger and a party for what separates them.</summary>
    private const int BetweenWindow = 40;

    public static void Build(EventDocumentIndex index, DocumentStatistics statistics, MeetingCandidate candidate, PartyCandidate party, FeatureVector features)
    {
        var mention = candidate.Mention;
        var trigger = mention.Trigger;
        var view = index.View;
        var entity = index.Entities[party.Entity];
        var frame = trigger.IsVerb ? (long)trigger.Frame : 10 + (long)mention.Subtype;
        var lemma = FeatureHash.Of(trigger.Lemma);
        features.Add((int)T.Bias);
        features.AddHash((int)T.Lemma, lemma);
        MentionFeatures.AddBits((int)T.Source, (long)party.Sources, features);
        MentionFeatures.AddBits((int)T.SourceFrame, (long)party.Sources | (frame << 20), features);
        var role = party.RuleRole is { } r ? (long)r : -1;
        features.Add((int)T.RuleRole, role);
        features.Add((int)T.RuleRoleFrame, role, frame);
        features.AddHash((int)T.RuleRoleLemma, lemma, role);
        features.Add((int)T.RuleParties, Math.Min(mention.Parties.Count, 4));
        features.AddIf((int)T.NoRuleParty, mention.Parties.Count == 0);
        features.Add((int)T.Dropped, mention.Dropped is null ? 0 : 1);
        features.Add((int)T.Type, (long)entity.Type);
        features.Add((int)T.TypeFrame, (long)entity.Type, frame);
        features.Add((int)T.Kind, entity.Kind is null ? 0 : (long)FeatureHash.Of(entity.Kind));
        features.Add((int)T.Mentions, MentionFeatures.Bucket(statistics.Referents[party.Entity]));
        var rank = Math.Min(statistics.Rank[party.Entity], 4);
        features.Add((int)T.Rank, rank);
        features.Add((int)T.RankFrame, rank, frame);
        var first = statistics.FirstSentence[party.Entity];
        features.Add((int)T.FirstSentence, first == 0 ? 0 : first <= 2 ? 1 : first < mention.Sentence ? 2 : first == mention.Sentence ? 3 : 4);
        features.AddIf((int)T.SameSentenceAsFirst, first == mention.Sentence);
        features.Add((int)T.Occurrences, Math.Min(party.InSentence, 3));
        features.Add((int)T.Candidates, Math.Min(candidate.Parties.Count(p => (p.Sources & PartySources.Sentence) != 0), 6));
        features.Add((int)T.SentenceIndex, Math.Min(mention.Sentence, 4));
        features.AddIf((int)T.Passive, trigger.IsVerb && trigger.Tense == VerbTense.PastParticiple && (index.ClassesEndingAt(mention.TriggerStart) & WordClass.AuxEtre) != 0);
        if (index.IsLeader(new Referent { Entity = party.Entity, Function = party.Nearest?.Function }))
        {
            features.Add((int)T.Leader);
        }

        if (party.Nearest is not { } referent)
        {
            features.Add((int)T.Position, 3);
            features.Add((int)T.PositionFrame, 3, frame);
            return;
        }

        features.Add((int)T.ReferentKind, (long)referent.Kind);
        features.Add((int)T.Function, referent.Function is null ? 0 : (long)FeatureHash.Of(referent.Function));
        var position = party.Offset < 0 ? 0 : party.Offset > 0 ? 1 : 2;
        features.Add((int)T.Position, position);
        features.Add((int)T.PositionFrame, position, frame);
        features.AddHash((int)T.PositionLemma, lemma, position);
        var distance = MentionFeatures.Bucket(Math.Abs(party.Offset));
        features.Add((int)T.Distance, position * 10 + distance);
        features.Add((int)T.DistanceFrame, position * 10 + distance, frame);

        var prepositions = (long)(index.ClassesEndingAt(referent.Start) & (WordClass.Preposition | WordClass.Coord | WordClass.Determiner));
        MentionFeatures.AddBits((int)T.Preposition, prepositions, features);
        MentionFeatures.AddBits((int)T.PrepositionFrame, prepositions | (frame << 56), features);
        MentionFeatures.AddBits((int)T.PrepositionPosition, prepositions | ((long)position << 60), features);
        features.AddHash((int)T.PrepositionLemma, lemma, prepositions);
        if (referent.Start > 0)
        {
            var before = MentionFeatures.WordHash(view, referent.Start - 1);
            features.AddHash((int)T.WordBefore, before);
            features.AddHash((int)T.WordBeforeFrame, before, frame);
            features.AddIf((int)T.CommaBefore, view.IsComma(referent.Start - 1));
            features.AddIf((int)T.Parentheses, view.IsChar(referent.Start - 1, '('));
        }

        if (referent.End < view.Count)
        {
            features.AddHash((int)T.WordAfter, MentionFeatures.WordHash(view, referent.End));
        }

        AddWhatSeparates(index, candidate, party, referent, position, features);
        features.AddIf((int)T.SubjectLike, party.Offset < 0 && referent.Start >= mention.ClauseStart && (index.ClassesEndingAt(referent.Start) & WordClass.Preposition) == 0);
    }

    /// <summary>
    /// What stands between the trigger and the party, crossed with the side it is on: a relative pronoun or a
    /// subordinator opens another clause (« … sa visite … l'arrestation de X, qui s'est enfui … »), a comma often
    /// closes the trigger's phrase, another meeting word may claim the party; and the noun a « de » complement hangs
    /// from when it is not the trigger (« l'arrestation du président X »).
    /// </summary>
    private static void AddWhatSeparates(EventDocumentIndex index, MeetingCandidate candidate, PartyCandidate party, Referent referent, int position, FeatureVector features)
    {
        var mention = candidate.Mention;
        var (from, to) = party.Offset < 0 ? (referent.End, mention.TriggerStart) : (mention.TriggerEnd, referent.Start);
        to = Math.Min(to, from + BetweenWindow);

        // One pass over the tokens between: their word classes, commas, and meeting verbs (the lexicon lookup, only
        // until one is found).
        var view = index.View;
        var classes = WordClass.None;
        var comma = false;
        var trigger = false;
        for (var k = from; k < to; k++)
        {
            classes |= view.ClassLengths[k] > 0 ? view.Classes[k] : WordClass.None;
            comma |= view.IsComma(k);
            trigger = trigger || index.IsVerbForm(k);
        }

        AddIf(T.RelativeBetween, (classes & WordClass.Relative) != 0);
        AddIf(T.SubordinatorBetween, (classes & WordClass.Subordinator) != 0);
        AddIf(T.CommaBetween, comma);
        AddIf(T.TriggerBetween, trigger);

        if ((index.ClassesEndingAt(referent.Start) & WordClass.De) != 0)
        {
            var head = index.PhraseStartEndingAt(referent.Start) - 1;
            if (head >= 0 && head != mention.TriggerEnd - 1)
            {
                features.AddHash((int)T.GoverningWord, MentionFeatures.WordHash(view, head));
            }
        }

        void AddIf(T template, bool condition)
        {
            if (condition)
            {
                features.Add((int)template, position);
            }
        }
    }
}
