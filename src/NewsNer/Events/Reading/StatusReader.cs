using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Reading;

/// <summary>
/// Whether and when a mention states its meeting: negation, a denial governing the clause, the tense of the verb or
/// of the verb carrying the noun (auxiliary, modal, plus-que-parfait, conditional). Stateless.
/// </summary>
internal sealed class StatusReader(EventDocumentIndex index) : IndexReader(index)
{
    /// <summary>
    /// Negation of the statement: "n'a pas rencontré", "ne se rendra pas", "sans rencontrer", "aucune rencontre",
    /// "pas de rencontre".
    /// </summary>
    public bool IsNegated(MeetingMention mention)
    {
        var t = mention.TriggerStart;
        if (mention.Trigger.IsVerb)
        {
            var ne = false;
            for (var k = Math.Max(mention.ClauseStart, t - 5); k < t; k++)
            {
                if ((View.Classes[k] & WordClass.NegNe) != 0)
                {
                    ne = true;
                }

                if ((View.Classes[k] & WordClass.Without) != 0 && t - k <= 3)
                {
                    return true;
                }
            }

            if (!ne)
            {
                return false;
            }

            // "pas"/"jamais" between ne and the verb, or right after the verb.
            for (var k = Math.Max(mention.ClauseStart, t - 4); k < Math.Min(mention.ClauseEnd, mention.TriggerEnd + 2); k++)
            {
                if (k >= t && k < mention.TriggerEnd)
                {
                    continue;
                }

                if ((View.Classes[k] & (WordClass.NegAdv | WordClass.NegDet)) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        var before = Index.ClassesEndingAt(t);
        if ((before & (WordClass.NegDet | WordClass.Without)) != 0)
        {
            return true;
        }

        // "pas de rencontre", "jamais de visite", "aucune nouvelle rencontre"
        var start = Index.PhraseStartEndingAt(t);
        if ((before & WordClass.De) != 0 && start > 0 && (View.Classes[start - 1] & WordClass.NegAdv) != 0)
        {
            return true;
        }

        return t >= 2 && (Index.ClassesEndingAt(t - 1) & WordClass.NegDet) != 0 && !View.IsCapitalized(t - 1);
    }

    /// <summary>Status of a verb mention from its tense, auxiliary and governing verb.</summary>
    public EventStatus VerbStatus(MeetingMention mention, out bool hedged)
    {
        hedged = false;
        var tense = mention.Trigger.Tense;
        var k = mention.TriggerStart;

        // Walk back over adverbs, negation, clitics and "été" to the auxiliary or the governing verb.
        for (var steps = 0; steps < 5 && k > mention.ClauseStart; steps++)
        {
            if (Index.IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = Index.ClassesEndingAt(k);
            if ((classes & WordClass.Aller) != 0 && tense == VerbTense.Infinitive)
            {
                return EventStatus.Planned;
            }

            if ((classes & WordClass.Auxiliary) != 0 && (classes & WordClass.TParticiple) == 0 && tense == VerbTense.PastParticiple)
            {
                if ((classes & WordClass.TImperfect) != 0 || (classes & WordClass.TSimplePast) != 0)
                {
                    mention.Pluperfect = true;
                    return EventStatus.Past;
                }

                if ((classes & WordClass.TFuture) != 0)
                {
                    return EventStatus.Planned;
                }

                if ((classes & WordClass.TConditional) != 0)
                {
                    hedged = true;
                    return EventStatus.Reported;
                }

                if ((classes & WordClass.TInfinitive) != 0)
                {
                    return Index.IsModalCue(Index.PhraseStartEndingAt(Index.PhraseStartEndingAt(k))) ? EventStatus.Planned : EventStatus.Reported;
                }

                return EventStatus.Reported;
            }

            if ((classes & (WordClass.Adverb | WordClass.NegAdv | WordClass.NegNe | WordClass.Reflexive | WordClass.Auxiliary | WordClass.SubjectPronoun)) == 0)
            {
                break;
            }

            k = Index.PhraseStartEndingAt(k);
        }

        mention.SimplePresent = tense == VerbTense.Present;
        return tense switch
        {
            VerbTense.Future or VerbTense.Conditional or VerbTense.Subjunctive => EventStatus.Planned,
            VerbTense.Imperfect => EventStatus.Past,
            VerbTense.Infinitive => EventStatus.Planned,
            _ => EventStatus.Reported,
        };
    }

    /// <summary>Status of a noun mention from the verbs of its clause (a eu lieu, aura lieu, effectuera).</summary>
    public EventStatus NounStatus(MeetingMention mention, out bool hedged)
    {
        hedged = false;
        var best = int.MaxValue;
        var status = EventStatus.Reported;
        // A noun opening its clause ("Une rencontre entre X et Y a eu lieu", "La prochaine rencontre ... aura lieu") is
        // the subject: its verb comes after its complements, however long they are, so distance counts from there.
        var subjectComplementEnd = mention.TriggerStart - mention.ClauseStart <= 2 && mention.ComplementEnd > mention.TriggerEnd
            ? mention.ComplementEnd
            : mention.TriggerEnd;
        for (var k = mention.ClauseStart; k < mention.ClauseEnd; k++)
        {
            if (k >= mention.TriggerStart && k < mention.TriggerEnd)
            {
                continue;
            }

            var distance = k < mention.TriggerStart ? mention.TriggerStart - k
                : k >= subjectComplementEnd ? k - subjectComplementEnd
                : k - mention.TriggerEnd;
            if (distance >= best || distance > 8)
            {
                continue;
            }

            var classes = View.Classes[k];
            EventStatus? found = null;
            if ((classes & WordClass.TParticiple) != 0 && View.ClassLengths[k] == 1)
            {
                continue; // "eu", "été": the auxiliary before them decides ("avaient eu un entretien")
            }

            if ((classes & (WordClass.Auxiliary | WordClass.Aller)) != 0 && View.ClassLengths[k] == 1)
            {
                mention.SimplePresent = (classes & WordClass.TPresent) != 0 && !FollowedByParticiple(k);
                found = (classes & (WordClass.TFuture | WordClass.Aller)) != 0 ? EventStatus.Planned
                    : (classes & (WordClass.TImperfect | WordClass.TSimplePast)) != 0 ? EventStatus.Past
                    : EventStatus.Reported;
                if ((classes & WordClass.TConditional) != 0)
                {
                    hedged = true;
                    found = FollowedByParticiple(k) ? EventStatus.Reported : EventStatus.Planned;
                }
            }
            else if (Lexicons.Events.LightVerbs.Longest(View.Ids, k, out var forms) == 1)
            {
                // Spelling decides between readings merged by folding (accorde / accordé).
                var written = TokenNormalizer.Normalize(View.Tokens[k].Span);
                var reading = forms.FirstOrDefault(f => f.Form == written)
                    ?? forms.FirstOrDefault(f => (f.Tense == VerbTense.PastParticiple) == ((Index.ClassesEndingAt(k) & WordClass.Auxiliary) != 0))
                    ?? forms[0];
                var tense = reading.Tense;
                found = tense switch
                {
                    VerbTense.Future or VerbTense.Conditional or VerbTense.Subjunctive or VerbTense.Infinitive => EventStatus.Planned,
                    VerbTense.Imperfect => EventStatus.Past,
                    VerbTense.PastParticiple when (Index.ClassesEndingAt(k) & WordClass.Auxiliary) != 0 => null, // the auxiliary decides
                    _ => EventStatus.Reported,
                };
                if (found is not null)
                {
                    mention.SimplePresent = tense == VerbTense.Present;
                }
            }

            if (found is { } value)
            {
                best = distance;
                status = value;
            }
        }

        return status;
    }

    private bool FollowedByParticiple(int k)
    {
        var next = k + 1;
        return next < View.Count && (Lexicons.Events.LightVerbs.Longest(View.Ids, next, v => v.Tense == VerbTense.PastParticiple, out _) == 1
            || (View.Classes[next] & WordClass.TParticiple) != 0
            || (Lexicons.Events.Triggers.Longest(View.Ids, next, t => t.IsVerb && t.Tense == VerbTense.PastParticiple, out _) == 1));
    }

    /// <summary>Whether the clause of a mention is the que-clause of a denial ("a démenti que", "exclut que").</summary>
    public bool GovernedByDenial(MeetingMention mention)
    {
        var start = mention.ClauseStart;
        var que = start - 1;
        if (que < 0 || (View.Classes[que] & WordClass.Subordinator) == 0)
        {
            var phrase = Index.PhraseStartEndingAt(start);
            if (phrase == start || (View.Classes[phrase] & WordClass.Subordinator) == 0)
            {
                // "les informations selon lesquelles X aurait rencontré Y", qualified as false: the relative clause is
                // the content of the report a denial governs.
                if (phrase == start || (View.Classes[phrase] & WordClass.Relative) == 0 || (Index.ClassesEndingAt(phrase) & WordClass.Source) == 0)
                {
                    return false;
                }

                phrase = Index.PhraseStartEndingAt(phrase);
            }

            que = phrase;
        }

        var sentenceStart = View.Sentences[mention.Sentence].FirstToken;
        return Index.HasCueBefore(que, sentenceStart, 5, CueClass.Cancel);
    }

    /// <summary>Whether a noun opens its clause as its subject ("La visite du président ..., a été reportée").</summary>
    public bool IsSubjectNoun(MeetingMention mention)
    {
        var start = Index.PhraseStartEndingAt(mention.TriggerStart);
        if ((Index.ClassesEndingAt(mention.TriggerStart) & WordClass.Preposition) != 0)
        {
            return false;
        }

        // "Selon l'agence X, une rencontre entre ... n'aura pas lieu": the source phrase fronted before the subject.
        return start == mention.ClauseStart
            || (start > mention.ClauseStart && View.IsComma(start - 1) && (View.Classes[mention.ClauseStart] & WordClass.Source) != 0 && !Index.CommaBetween(mention.ClauseStart, start - 1));
    }

    /// <summary>Whether a relative pronoun opens the clause starting at <paramref name="clauseStart"/> (où, qui, que, lequel).</summary>
    public bool RelativeClauseAt(int clauseStart)
    {
        var phrase = Index.PhraseStartEndingAt(clauseStart);
        return (phrase < clauseStart && (View.Classes[phrase] & WordClass.Relative) != 0)
            || (clauseStart < View.Count && View.ClassLengths[clauseStart] > 0 && (View.Classes[clauseStart] & WordClass.Relative) != 0);
    }

    /// <summary>Whether the word before the adverb ending at <paramref name="index"/> is a common noun ("un sommet [très] attendu").</summary>
    public bool NounPhraseBefore(int index)
    {
        var adverb = Index.PhraseStartEndingAt(index);
        var k = adverb - 1;
        return adverb < index && k >= 0 && ReferentAt[k] < 0 && View.ClassLengths[k] == 0 && !View.IsCapitalized(k)
            && View.Tokens[k].Kind == Tokenization.TokenKind.Word && !Index.IsVerbForm(k);
    }
}
