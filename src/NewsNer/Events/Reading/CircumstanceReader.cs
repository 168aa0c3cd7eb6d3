using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Reading;

/// <summary>
/// The circumstances of a mention: whether a place is where it happens, its date expression, what was discussed, a
/// summit as its occasion or its subject. Stateless.
/// </summary>
internal sealed class CircumstanceReader(EventDocumentIndex index) : IndexReader(index)
{
    /// <summary>
    /// Whether [start, end) names a summit as the occasion of something else: "en marge du sommet X", "lors du sommet
    /// du G20", "à l'occasion d'un sommet".
    /// </summary>
    public bool SummitOccasionIn(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (Lexicons.Events.Triggers.CanStartWith(View.Ids[k]) && Lexicons.Events.Triggers.Longest(View.Ids, k, t => t.NounFlags.HasFlag(NounFlags.Summit), out _) > 0
                && (Index.HasCueEndingNear(k, 3, CueClass.Margin) || (Index.ClassesEndingAt(k) & WordClass.TimePreposition) != 0
                    || (k >= 1 && (Index.ClassesEndingAt(k - 1) & WordClass.TimePreposition) != 0)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a referent is introduced by a locative preposition (à, au, en, dans) or stands in apposition to a place.</summary>
    public bool IsLocative(int start, MeetingMention mention)
    {
        // "au palais de X" where only X is a name: the preposition stands before the place noun.
        if ((Index.ClassesEndingAt(start) & WordClass.De) != 0 && View.ClassLengths[start - 1] == 1)
        {
            for (var back = 2; back <= 3 && start - back >= 0; back++)
            {
                if (Lexicons.PlaceHeads.Longest(View.Ids, start - back, out _) == back - 1)
                {
                    start -= back;
                    break;
                }
            }
        }

        if ((Index.ClassesEndingAt(start) & WordClass.Locative) == 0)
        {
            // "à La Haye", "au Caire" read as "à la" + "Haye": the locative phrase overlaps the name's article.
            if (start < 1 || View.ClassLengths[start - 1] < 2 || (View.Classes[start - 1] & WordClass.Locative) == 0)
            {
                return false;
            }

            return true;
        }

        // "la guerre en Ukraine", "les bases russes en Syrie": a place inside another noun phrase is not where the
        // meeting is; after the trigger, a name, a date, a verb or punctuation it is.
        var preposition = Index.PhraseStartEndingAt(start);
        var before = preposition - 1;
        // A name the recognizer missed counts as one ("le sommet du G20 à Johannesburg").
        if (before < 0 || before == mention.TriggerEnd - 1 || ReferentAt[before] >= 0 || DateAt[before] >= 0 || View.IsCapitalized(before)
            || View.ClassLengths[before] > 0 || View.Tokens[before].Kind != TokenKind.Word || CueLength[before] > 0 || Covered[before] || Index.IsMentAdverb(before))
        {
            return true;
        }

        // A verb of the lexicons (reçu, arrivé, accueilli, effectue ...), or an adjective right after the trigger noun.
        return Lexicons.Events.Triggers.CanStartWith(View.Ids[before]) || Lexicons.Events.LightVerbs.Longest(View.Ids, before, out _) == 1
            || (!mention.Trigger.IsVerb && before - mention.TriggerEnd <= 1 && before >= mention.TriggerEnd);
    }

    /// <summary>Whether a summit noun stands in <c>[start, end)</c>.</summary>
    public bool SummitNounIn(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (Lexicons.Events.Triggers.CanStartWith(View.Ids[k]) && Lexicons.Events.Triggers.Longest(View.Ids, k, t => t.NounFlags.HasFlag(NounFlags.Summit), out _) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The organization or place a summit is named after: "sommet des BRICS", "sommet de l'Union africaine".</summary>
    public Referent? SummitNameAfter(int end)
    {
        if (end >= View.Count || (View.Classes[end] & WordClass.De) == 0)
        {
            return null;
        }

        var next = end + View.ClassLengths[end];
        var r = next < View.Count ? ReferentAt[next] : -1;
        if (r < 0 && ReferentAt[end] >= 0)
        {
            r = ReferentAt[end];
        }

        return r >= 0 && Referents[r].Type is EntityType.Organization or EntityType.Location ? Referents[r] : null;
    }

    /// <summary>
    /// The topic after a cue: a noun phrase up to the end of the clause, or to a comma that does not continue it
    /// (", à savoir", ", notamment" continue it).
    /// </summary>
    public (int Start, int End)? TopicSpan(int start, bool skipPreposition, bool requirePreposition = false)
    {
        if (start >= View.Count)
        {
            return null;
        }

        var sentence = View.Sentences[View.SentenceOf[start]];
        var k = start;
        if (skipPreposition || requirePreposition)
        {
            if ((View.Classes[k] & WordClass.De) != 0 && View.ClassLengths[k] > 0)
            {
                // "du sort de ..." -> "sort de ...", "de la paix" -> "la paix", "d'une base" -> "une base".
                k++;
                if (k < View.Count && View.Tokens[k].Kind == TokenKind.Punctuation && View.Tokens[k].Span is "'" or "’" or "`")
                {
                    k++;
                }
            }
            else if (requirePreposition)
            {
                return null;
            }
        }

        var end = k;
        var inList = false;
        var limit = Math.Min(Math.Min(sentence.EndToken, View.Count), k + 45);
        for (var t = k; t < limit; t++)
        {
            if (View.IsClauseBreak(t) || Index.IsDash(t))
            {
                break;
            }

            if (View.IsComma(t))
            {
                // ", à savoir ...", ", notamment ...", and every comma of a list opened by "tels que", "comme" ...
                var next = t + 1;
                if (next < limit && ((View.Classes[next] & WordClass.Enumeration) != 0 || inList))
                {
                    continue;
                }

                // "sur la dette, les infrastructures ... et la coopération ...": a list of noun phrases closed by "et".
                if (next < limit && IsNounPhraseList(next, limit))
                {
                    inList = true;
                    continue;
                }

                break;
            }

            if ((View.Classes[t] & WordClass.Enumeration) != 0 && View.ClassLengths[t] > 0)
            {
                inList = true;
            }

            if (t > k && (View.Classes[t] & (WordClass.Subordinator | WordClass.Source)) != 0 && (View.Classes[t] & (WordClass.Relative | WordClass.Enumeration)) == 0)
            {
                break;
            }

            // "Les négociations entre X et Y sur le barrage ont repris mardi": an auxiliary not after a determiner
            // ("dans l'est du pays") starts the clause's verb, after the topic.
            if (t > k && ReferentAt[t] < 0 && (View.Classes[t] & WordClass.Auxiliary) != 0 && View.ClassLengths[t] == 1
                && (Index.ClassesEndingAt(t) & WordClass.Determiner) == 0)
            {
                break;
            }

            if (t > k && ReferentAt[t] < 0 && Lexicons.Events.Triggers.CanStartWith(View.Ids[t]) && Lexicons.Events.Triggers.Longest(View.Ids, t, tr => tr.IsVerb, out _) > 0
                && (Index.ClassesEndingAt(t) & WordClass.Determiner) == 0)
            {
                break;
            }

            if (View.Tokens[t].Kind is not (TokenKind.Punctuation or TokenKind.Symbol) || View.Tokens[t].Span is "\"" or "«" or "»" or "’" or "'" or "(" or ")" or "-")
            {
                end = t + 1;
            }
        }

        // Trailing quotes or brackets belong to the sentence, not the topic.
        while (end > k && View.Tokens[end - 1].Kind == TokenKind.Punctuation && View.Tokens[end - 1].Span is "\"" or "«" or "»" or "(" or "-")
        {
            end--;
        }

        // A topic is a noun phrase: a lone punctuation mark or function word is none.
        if (end <= k || (end - k == 1 && (View.Tokens[k].Kind == TokenKind.Punctuation || View.ClassLengths[k] > 0)))
        {
            return null;
        }

        return (View.Tokens[k].Start, View.Tokens[end - 1].End);
    }

    /// <summary>
    /// Whether the noun phrase at <paramref name="start"/> (after a comma) continues a list: it opens with a determiner
    /// and a later item is coordinated by "et" with its own determiner, before any clause break or meeting verb.
    /// </summary>
    private bool IsNounPhraseList(int start, int limit)
    {
        if ((View.Classes[start] & WordClass.Determiner) == 0 || View.ClassLengths[start] == 0)
        {
            return false;
        }

        for (var t = start + 1; t < limit - 1; t++)
        {
            if (View.IsClauseBreak(t) || Index.IsDash(t) || (View.Classes[t] & (WordClass.Subordinator | WordClass.Relative | WordClass.Source)) != 0)
            {
                return false;
            }

            if (ReferentAt[t] < 0 && Lexicons.Events.Triggers.CanStartWith(View.Ids[t]) && Lexicons.Events.Triggers.Longest(View.Ids, t, tr => tr.IsVerb, out _) > 0)
            {
                return false;
            }

            if ((View.Classes[t] & WordClass.Coord) != 0 && View.ClassLengths[t] == 1)
            {
                return (View.Classes[t + 1] & WordClass.Determiner) != 0 && View.ClassLengths[t + 1] > 0;
            }
        }

        return false;
    }

    /// <summary>The date of a mention: the nearest date expression in its clause, else in its sentence near the trigger.</summary>
    public DateExpression? DateFor(MeetingMention mention)
    {
        DateExpression? best = null;
        var bestDistance = int.MaxValue;
        foreach (var date in Index.DatesBetween(mention.ClauseStart - 32, mention.ClauseEnd + 12))
        {
            if (date.EndToken <= mention.ClauseStart - 12 || date.StartToken >= mention.ClauseEnd + 12)
            {
                continue;
            }

            if (ReferenceEquals(date, Index.DatelineDate))
            {
                continue;
            }

            var inClause = date.StartToken >= mention.ClauseStart && date.EndToken <= mention.ClauseEnd;
            var sameSentence = View.SentenceOf[date.StartToken] == mention.Sentence;
            if (!sameSentence)
            {
                continue;
            }

            var distance = date.EndToken <= mention.TriggerStart ? mention.TriggerStart - date.EndToken : date.StartToken - mention.TriggerEnd;
            if (!inClause)
            {
                distance += 20;
                if (distance > 30)
                {
                    continue;
                }
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = date;
            }
        }

        return best;
    }
}
