using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Reading;

/// <summary>
/// Who takes part, in the syntax of one clause: the subject of a verb (or of the light verb carrying a noun), its
/// objects and complements by frame, the complements of a meeting noun, coordinated names, the parties a group noun
/// acts for, the members of a list. Stateless: pronouns are resolved against a <see cref="DiscourseMemory"/> the caller
/// passes and updates.
/// </summary>
internal sealed class PartyReader(EventDocumentIndex index) : IndexReader(index)
{
    /// <summary>
    /// Whether the "des" before <paramref name="start"/> is the plural indefinite article of a subject, not "de les": it
    /// opens the clause or follows a comma ("Sous l'égide de l'UA, des représentants de ... se sont retrouvés").
    /// </summary>
    private bool IndefiniteArticleOpening(int start, int clauseStart)
    {
        var article = Index.PhraseStartEndingAt(start);
        if (article == start || (View.Classes[article] & WordClass.DetIndef) == 0)
        {
            return false;
        }

        return article == clauseStart || View.IsComma(article - 1);
    }

    /// <summary>Whether a reflexive clitic governs the verb at <paramref name="verb"/> (s'est entretenu, se sont rencontrés, va se rendre).</summary>
    public bool ReflexiveBefore(int verb, int clauseStart)
    {
        var k = verb;
        for (var steps = 0; steps < 5 && k > clauseStart; steps++)
        {
            if (Index.IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = Index.ClassesEndingAt(k);
            if ((classes & WordClass.Reflexive) != 0 && (classes & WordClass.SubjectPronoun) == 0)
            {
                return true;
            }

            if ((classes & (WordClass.Auxiliary | WordClass.Aller | WordClass.Adverb | WordClass.NegNe | WordClass.NegAdv)) == 0 && !Index.IsModalCue(Index.PhraseStartEndingAt(k)))
            {
                // "nous"/"vous" are both subject and reflexive: "ils se sont", "nous nous sommes"
                if ((classes & WordClass.Reflexive) != 0)
                {
                    return true;
                }

                return false;
            }

            k = Index.PhraseStartEndingAt(k);
        }

        return false;
    }

    /// <summary>A past participle in the passive: "a été reçu", "est reçu", or alone ("reçu par le président").</summary>
    public bool IsPassive(int participle, int clauseStart)
    {
        var k = participle;
        for (var steps = 0; steps < 4 && k > clauseStart; steps++)
        {
            if (Index.IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = Index.ClassesEndingAt(k);
            if ((classes & WordClass.AuxEtre) != 0)
            {
                // "été" after an auxiliary, or être alone without a reflexive clitic.
                return (classes & WordClass.TParticiple) != 0 || !ReflexiveBefore(Index.PhraseStartEndingAt(k), clauseStart);
            }

            if ((classes & WordClass.AuxAvoir) != 0)
            {
                return false;
            }

            if ((classes & (WordClass.Adverb | WordClass.NegAdv | WordClass.NegNe)) == 0)
            {
                break;
            }

            k = Index.PhraseStartEndingAt(k);
        }

        // No auxiliary: a reduced passive ("João Lourenço, reçu avec les honneurs par le président Sall").
        return true;
    }

    /// <summary>
    /// The subject of a verb (or of the light verb carrying a noun): the first referent of the clause that no
    /// preposition introduces, with the names coordinated to it; else a subject pronoun resolved to the parties of
    /// the latest meeting (ils) or the latest subject (il); else the antecedent of "qui".
    /// </summary>
    /// <param name="verb">The verb (or the noun a light verb carries).</param>
    /// <param name="clauseStart">The clause's first token.</param>
    /// <param name="memory">The story so far, for pronouns (read, never written).</param>
    /// <param name="pronounPlural">Whether a plural pronoun or "les deux X" stands for the subject.</param>
    /// <param name="named">Whether the subject was found as names in the clause (what the caller remembers as the latest subject).</param>
    public List<Referent> Subject(int verb, int clauseStart, DiscourseMemory memory, out bool pronounPlural, out bool named)
    {
        pronounPlural = false;
        named = false;
        var result = new List<Referent>();
        for (var k = clauseStart; k < verb; k++)
        {
            // "Selon le quotidien Haaretz, X a rencontré ...": the source is no subject.
            if ((View.Classes[k] & WordClass.Source) != 0 && ReferentAt[k] < 0)
            {
                var comma = k;
                while (comma < verb && !View.IsComma(comma))
                {
                    comma++;
                }

                if (comma < verb)
                {
                    k = comma;
                    continue;
                }
            }

            var r = ReferentAt[k];
            if (r < 0 && CueLength[k] > 0 && Cue[k] == CueClass.PartyGroup)
            {
                // "Des délégations du Hamas et d'Israël ont repris ...": the parties the group acts for are the subject.
                var groupEnd = PartiesOfGroup(k + CueLength[k], verb, result);
                if (result.Any(p => p.Entity >= 0))
                {
                    return result;
                }

                result.Clear();

                k = groupEnd - 1;
                continue;
            }

            if (r < 0)
            {
                // Skip a cue span that introduces non-subjects ("accompagné de X", "selon X").
                if (CueLength[k] > 0 && Cue[k] is CueClass.Delegation or CueClass.Mediator or CueClass.Invitation)
                {
                    var listEnd = SkipList(k + CueLength[k], verb);
                    if (k <= clauseStart + 1)
                    {
                        // A fronted phrase ends at its comma: "Sous l'égide de l'UA, des représentants de X et de Y ...".
                        for (var c = k + CueLength[k]; c < listEnd; c++)
                        {
                            if (View.IsComma(c) && ReferentAt[c] < 0)
                            {
                                listEnd = c + 1;
                                break;
                            }
                        }
                    }

                    k = listEnd - 1;
                }

                continue;
            }

            var referent = Referents[r];
            if (referent.Start < clauseStart)
            {
                k = referent.End - 1;
                continue;
            }

            if (((Index.ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0 && !IndefiniteArticleOpening(referent.Start, clauseStart)) || Index.InParentheses(referent.Start))
            {
                k = referent.End - 1;
                continue;
            }

            if (referent.Kind == ReferentKind.Pair)
            {
                pronounPlural = true;
                return memory.PartiesOfLast(referent.Sentence, Entities);
            }

            // A country named as the subject acts as a state ("Le Hamas et Israël ont entamé des négociations"),
            // unless a comma sets it apart as a fronted place.
            var state = referent.IsState && !Index.CommaBetween(referent.End, verb);
            if (!referent.CanParticipate && !state)
            {
                // "En marge du sommet de l'OTAN à La Haye, X a ...": a place inside a fronted phrase is no subject.
                if (Index.CommaBetween(referent.End, verb))
                {
                    k = referent.End - 1;
                    continue;
                }

                // A place or a news outlet as subject ("Moscou a accueilli", "le Kremlin a déclaré"): no person.
                return result;
            }

            result.Add(referent);
            var end = referent.End;
            while (end < verb)
            {
                var next = end;
                if (View.IsComma(next) || View.Is(next, WordClass.Coord))
                {
                    next += Math.Max(1, (int)View.ClassLengths[next]);
                }
                else
                {
                    break;
                }

                if (next < verb && ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next
                    && (Referents[ReferentAt[next]].CanParticipate || Referents[ReferentAt[next]].IsState)
                    && (Index.ClassesEndingAt(next) & WordClass.Preposition) == 0)
                {
                    var coordinated = Referents[ReferentAt[next]];
                    result.Add(coordinated);
                    end = coordinated.End;
                }
                else
                {
                    break;
                }
            }

            named = true;
            return result;
        }

        // Subject pronouns: "il a reçu", "ils ont eu des discussions", "a-t-il rencontré".
        for (var k = verb - 1; k >= clauseStart && k >= verb - 6; k--)
        {
            if (View.Is(k, WordClass.SubjectPronoun) && View.ClassLengths[k] == 1)
            {
                var pronoun = TokenNormalizer.Normalize(View.Tokens[k].Span).TrimStart('-').Replace("t-", string.Empty, StringComparison.Ordinal);
                if (pronoun is "ils" or "elles")
                {
                    pronounPlural = true;
                    return memory.PartiesOfLast(View.SentenceOf[k], Entities);
                }

                if (pronoun is "il" or "elle")
                {
                    if (View.SentenceOf[k] - memory.LastSubjectSentence <= 2 && memory.LastSubjects.Count == 1)
                    {
                        return [.. memory.LastSubjects];
                    }

                    // The subject of the previous sentence: "Poutine a signé un décret. Il avait rencontré ...".
                    if (PreviousSentenceSubject(View.SentenceOf[k]) is { } previous)
                    {
                        return [previous];
                    }
                }

                return result;
            }
        }

        // "X, qui a rencontré Y": the antecedent of the relative pronoun.
        if (clauseStart > 0 && View.Is(clauseStart - 1, WordClass.Relative) && View.ClassLengths[clauseStart - 1] == 1)
        {
            var before = clauseStart - 2;
            if (View.IsComma(before))
            {
                before--;
            }

            if (before >= 0 && ReferentAt[before] >= 0 && Referents[ReferentAt[before]].CanParticipate)
            {
                result.Add(Referents[ReferentAt[before]]);
            }
        }

        return result;
    }

    /// <summary>
    /// The subject of the main clause after a fronted phrase: "Lors de sa prochaine visite à Tokyo, le président Yoon ...".
    /// </summary>
    public List<Referent> SubjectAfterFrontedPhrase(int trigger, int clauseEnd)
    {
        var k = trigger;
        while (k < clauseEnd && !View.IsComma(k))
        {
            k++;
        }

        for (k++; k < clauseEnd; k++)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                if (View.Tokens[k].Kind == TokenKind.Word && View.ClassLengths[k] == 0 && DateAt[k] < 0)
                {
                    break; // a verb or a noun before any referent: no subject here
                }

                continue;
            }

            var referent = Referents[r];
            if ((Index.ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0 || !referent.CanParticipate)
            {
                break;
            }

            var subjects = new List<Referent> { referent };
            AddCoordinated(referent.End, clauseEnd, subjects);
            return subjects;
        }

        return [];
    }

    private Referent? PreviousSentenceSubject(int sentence)
    {
        if (sentence == 0)
        {
            return null;
        }

        var previous = View.Sentences[sentence - 1];
        for (var k = previous.FirstToken; k < previous.EndToken && k < View.Count; k++)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = Referents[r];
            if ((Index.ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0)
            {
                k = referent.End - 1;
                continue;
            }

            return referent.Type == EntityType.Person && referent.Entity >= 0 ? referent : null;
        }

        return null;
    }

    /// <summary>Whether the subject of the clause holding <paramref name="verb"/> is the parties already named ("ils", "les deux présidents").</summary>
    /// <param name="verb">A token of the clause.</param>
    /// <param name="memory">The story so far (read, never written).</param>
    /// <param name="named">The subject when found as names in the clause (what the caller remembers), else empty.</param>
    public bool SubjectIsPair(int verb, DiscourseMemory memory, out List<Referent> named)
    {
        var (clauseStart, _) = Index.Clause(verb, verb + 1);
        var subjects = Subject(verb, clauseStart, memory, out var plural, out var isNamed);
        named = isNamed ? subjects : [];
        if (plural)
        {
            return true;
        }

        return memory.LastMention is { } last && subjects.Count >= 1 && subjects.All(s => s.Entity >= 0 && last.Parties.ContainsKey(s.Entity));
    }

    /// <summary>Objects of a verb: direct ones (and avec/à-complements), agents (par), hosts (chez, rendre visite à).</summary>
    public (List<Referent> Direct, List<Referent> Agents, List<Referent> Hosts) Objects(MeetingMention mention, bool passive)
    {
        var direct = new List<Referent>();
        var agents = new List<Referent>();
        var hosts = new List<Referent>();
        var frame = mention.Trigger.Frame;
        for (var k = mention.TriggerEnd; k < mention.ClauseEnd; k++)
        {
            if (CueLength[k] > 0)
            {
                if (Cue[k] is CueClass.Delegation or CueClass.Mediator or CueClass.Invitation)
                {
                    k = SkipList(k + CueLength[k], mention.ClauseEnd) - 1;
                    continue;
                }

                if (Cue[k] is CueClass.Topic or CueClass.TopicDe or CueClass.TopicNounPhrase && k > mention.TriggerEnd)
                {
                    break;
                }
            }

            var r = ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = Referents[r];
            k = referent.End - 1;
            if (referent.Start < mention.TriggerEnd || !referent.CanParticipate || Index.InParentheses(referent.Start))
            {
                continue;
            }

            var preposition = Index.ClassesEndingAt(referent.Start);
            List<Referent>? target = null;
            if ((preposition & WordClass.Par) != 0)
            {
                target = passive ? agents : null;
            }
            else if ((preposition & WordClass.Chez) != 0)
            {
                target = hosts;
            }
            else if ((preposition & WordClass.Avec) != 0)
            {
                target = frame is VerbFrame.Meet or VerbFrame.Call or VerbFrame.Gather ? direct : null;
            }
            else if ((preposition & WordClass.A) != 0)
            {
                target = frame == VerbFrame.Call ? direct : frame == VerbFrame.Visit && referent.Type == EntityType.Person ? hosts : null;
            }
            else if ((preposition & WordClass.Preposition) == 0)
            {
                target = frame is VerbFrame.Visit ? (referent.Type == EntityType.Person ? hosts : null) : passive && frame == VerbFrame.Host ? null : direct;
            }

            if (target is null)
            {
                continue;
            }

            target.Add(referent);
            AddCoordinated(referent.End, mention.ClauseEnd, target);
            if (target == direct && frame != VerbFrame.Visit)
            {
                // One direct object (with its coordinated names); later names belong to other phrases.
                if (frame is VerbFrame.Host or VerbFrame.Meet && !passive)
                {
                    break;
                }
            }
        }

        return (direct, agents, hosts);
    }

    /// <summary>Complements of a meeting noun: "de X" (whose), "avec X", "entre X et Y", "à/chez X" (the host of a visit).</summary>
    public (List<Referent> Of, List<Referent> With, List<Referent> Between, List<Referent> Hosts, int End) NounComplements(MeetingMention mention)
    {
        var of = new List<Referent>();
        var with = new List<Referent>();
        var between = new List<Referent>();
        var hosts = new List<Referent>();
        var k = mention.TriggerEnd;

        // Adjectives right after the noun: "rencontre bilatérale", "visite officielle".
        for (var skip = 0; skip < 2 && k < mention.ClauseEnd && ReferentAt[k] < 0 && View.ClassLengths[k] == 0
            && View.Tokens[k].Kind == TokenKind.Word && !View.IsCapitalized(k) && CueLength[k] == 0; skip++)
        {
            k++;
        }

        for (var guard = 0; guard < 4 && k < mention.ClauseEnd; guard++)
        {
            var classes = View.Classes[k];
            var length = View.ClassLengths[k];
            if (length == 0)
            {
                break;
            }

            var next = k + length;
            var r = next < View.Count ? ReferentAt[next] : -1;
            if (r < 0 && ReferentAt[k] >= 0)
            {
                // The determiner of the referent belongs to it ("du ministre ..."): the referent covers k.
                r = ReferentAt[k];
                next = k;
            }

            if (r < 0 && (classes & (WordClass.Entre | WordClass.Avec)) != 0 && NameAfterArticle(next) is { } named)
            {
                // "entre l'Union européenne et le Mercosur": the article before an organization's name.
                r = ReferentAt[named];
                next = named;
            }

            if (r < 0)
            {
                // "à Moscou", "en Russie", a date: keep looking for complements after them.
                if ((classes & (WordClass.Locative | WordClass.TimePreposition)) != 0 || DateAt[next < View.Count ? next : k] >= 0)
                {
                    k = Index.SkipPhrase(next, mention.ClauseEnd);
                    continue;
                }

                break;
            }

            var referent = Referents[r];
            var betweenParties = (classes & WordClass.Entre) != 0;
            if (!referent.CanParticipate && !(betweenParties && referent.IsState))
            {
                if (referent.Type == EntityType.Location)
                {
                    k = referent.End;
                    continue;
                }

                break;
            }

            List<Referent> target;
            if ((classes & WordClass.Entre) != 0)
            {
                target = between;
            }
            else if ((classes & WordClass.Avec) != 0)
            {
                target = with;
            }
            else if ((classes & (WordClass.Chez | WordClass.A)) != 0 && (mention.Trigger.NounFlags.HasFlag(NounFlags.Visit) || mention.Trigger.Subtype == MeetingSubtype.HostVisit))
            {
                target = hosts;
            }
            else if ((classes & (WordClass.De | WordClass.Par)) != 0)
            {
                target = of;
            }
            else
            {
                break;
            }

            target.Add(referent);
            k = AddCoordinated(referent.End, mention.ClauseEnd, target, states: betweenParties);
        }

        return (of, with, between, hosts, k);
    }

    /// <summary>The token after "avec X", "entre X et Y", dates and adverbs that follow a verb.</summary>
    public int SkipPeers(int k, int end)
    {
        while (k < end)
        {
            if (ReferentAt[k] >= 0)
            {
                k = Referents[ReferentAt[k]].End;
            }
            else if (DateAt[k] >= 0)
            {
                k = Dates[DateAt[k]].EndToken;
            }
            else if ((View.Classes[k] & (WordClass.Avec | WordClass.Entre | WordClass.Coord | WordClass.Adverb)) != 0 && View.ClassLengths[k] > 0)
            {
                k += View.ClassLengths[k];
            }
            else if (View.IsComma(k) || Index.IsMentAdverb(k))
            {
                k++;
            }
            else
            {
                break;
            }
        }

        return k;
    }

    /// <summary>The start of a named referent right after a bare article at <paramref name="k"/> (le, la, l', les), or null.</summary>
    private int? NameAfterArticle(int k)
    {
        if ((uint)k >= (uint)View.Count || View.ClassLengths[k] == 0 || (View.Classes[k] & WordClass.DetDef) == 0 || (View.Classes[k] & WordClass.Preposition) != 0)
        {
            return null;
        }

        var after = k + View.ClassLengths[k];
        return after < View.Count && ReferentAt[after] >= 0 && Referents[ReferentAt[after]].Start == after && Referents[ReferentAt[after]].Entity >= 0 ? after : null;
    }

    private int AddCoordinated(int end, int limit, List<Referent> target, bool states = false)
    {
        while (end < limit)
        {
            var next = end;
            if (View.IsComma(next) || View.Is(next, WordClass.Coord))
            {
                next += Math.Max(1, (int)View.ClassLengths[next]);
                if (View.Is(next, WordClass.Coord))
                {
                    next += Math.Max(1, (int)View.ClassLengths[next]);
                }
            }
            else
            {
                break;
            }

            if (next < limit && ReferentAt[next] < 0 && NameAfterArticle(next) is { } named)
            {
                next = named; // "et le Mercosur"
            }

            if (next < limit && ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next
                && (Referents[ReferentAt[next]].CanParticipate || (states && Referents[ReferentAt[next]].IsState)))
            {
                var coordinated = Referents[ReferentAt[next]];
                target.Add(coordinated);
                end = coordinated.End;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>
    /// The parties a group noun acts for, from <paramref name="start"/> (after the noun): "du Hamas et d'Israël", "du
    /// gouvernement soudanais et des Forces de soutien rapide (FSR)". Each member is introduced by de/du/des/d'; a
    /// description naming no one ("du gouvernement soudanais") is passed over; a demonym ("russe et ukrainienne")
    /// names nobody. Returns where the group ends.
    /// </summary>
    private int PartiesOfGroup(int start, int limit, List<Referent> parties)
    {
        var k = start;
        while (k < limit && View.ClassLengths[k] > 0 && (View.Classes[k] & WordClass.De) != 0)
        {
            k += View.ClassLengths[k];
            if (k < limit && ReferentAt[k] < 0 && NameAfterArticle(k) is { } named && named < limit)
            {
                k = named;
            }

            if (k < limit && ReferentAt[k] >= 0 && Referents[ReferentAt[k]].Start == k)
            {
                var member = Referents[ReferentAt[k]];
                if (member.CanParticipate || member.IsState)
                {
                    parties.Add(member);
                }

                k = member.End;
            }
            else
            {
                // An unnamed description: a few lower-case words ("gouvernement soudanais"), an unnamed party.
                var words = 0;
                var described = k;
                while (k < limit && words < 3 && ReferentAt[k] < 0 && View.Tokens[k].Kind == TokenKind.Word && View.ClassLengths[k] == 0
                    && !View.IsCapitalized(k) && CueLength[k] == 0 && DateAt[k] < 0)
                {
                    k++;
                    words++;
                }

                if (words == 0)
                {
                    break;
                }

                parties.Add(new Referent
                {
                    Start = described,
                    End = k,
                    Kind = ReferentKind.Unnamed,
                    Type = EntityType.Organization,
                    Plural = true,
                    Sentence = View.SentenceOf[described],
                    CanParticipate = true,
                });
            }

            // "(FSR)": an acronym in parentheses after the name.
            if (k < limit && View.IsChar(k, '('))
            {
                var close = k + 1;
                while (close < limit && close <= k + 6 && !View.IsChar(close, ')'))
                {
                    close++;
                }

                if (close < limit && View.IsChar(close, ')'))
                {
                    k = close + 1;
                }
            }

            if (k < limit && View.ClassLengths[k] > 0 && View.Is(k, WordClass.Coord))
            {
                var after = k + View.ClassLengths[k];
                if (after < limit && View.ClassLengths[after] > 0 && (View.Classes[after] & WordClass.De) != 0)
                {
                    k = after;
                    continue;
                }
            }

            break;
        }

        return k;
    }

    /// <summary>The referents of a list right after <paramref name="start"/>: "X, du ministre Y et de Z".</summary>
    public List<Referent> ListAfter(int start, int end)
    {
        var list = new List<Referent>();
        var k = start;
        if (k > 0 && k < View.Count && ReferentAt[k] < 0 && ReferentAt[k - 1] >= 0 && Referents[ReferentAt[k - 1]].End > k - 1)
        {
            // The cue swallowed the referent's determiner ("accompagné du ministre ...").
            k--;
        }

        while (k < end)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                // Determiners, prepositions and list punctuation between members.
                if (View.ClassLengths[k] > 0 && (View.Classes[k] & (WordClass.Determiner | WordClass.De | WordClass.Coord | WordClass.A)) != 0)
                {
                    k += View.ClassLengths[k];
                    continue;
                }

                if (View.IsComma(k))
                {
                    // A list goes on after a comma with "du ministre Y" or a bare name, not with "le président Y" (a new clause).
                    var next = k + 1;
                    var continues = next < end && ((View.Classes[next] & (WordClass.De | WordClass.Coord)) != 0
                        || (ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next && Referents[ReferentAt[next]].Kind == ReferentKind.Name
                            && (View.Classes[next] & WordClass.Determiner) == 0));
                    if (!continues)
                    {
                        break;
                    }

                    k++;
                    continue;
                }

                break;
            }

            list.Add(Referents[r]);
            k = Referents[r].End;
        }

        return list;
    }

    private int SkipList(int start, int end)
    {
        var k = start;
        var members = ListAfter(start, end);
        if (members.Count > 0)
        {
            k = Math.Max(k, members[^1].End);
        }

        return Math.Min(Math.Max(k, start), end);
    }

    /// <summary>Whether the light verb or auxiliary that carries a noun makes the clause subject a party ("X a eu une conversation", "X a effectué une visite").</summary>
    public bool CarriedBySubject(MeetingMention mention, out bool hosts)
    {
        hosts = false;
        var k = mention.TriggerStart;
        for (var steps = 0; steps < 8 && k > mention.ClauseStart; steps++)
        {
            var classes = Index.ClassesEndingAt(k);
            if ((classes & (WordClass.Determiner | WordClass.De)) != 0)
            {
                k = Index.PhraseStartEndingAt(k);
                continue;
            }

            // "X est en visite à Paris", "X était en séjour au Sénégal".
            if ((classes & WordClass.En) != 0 && (Index.ClassesEndingAt(Index.PhraseStartEndingAt(k)) & WordClass.AuxEtre) != 0)
            {
                return true;
            }

            var previous = k - 1;
            if (previous < 0)
            {
                break;
            }

            if (Lexicons.Events.LightVerbs.Longest(View.Ids, previous, out var light) == 1)
            {
                hosts = light[0].Hosts;
                return true;
            }

            if ((classes & WordClass.AuxAvoir) != 0)
            {
                return true;
            }

            if (DateAt[previous] >= 0)
            {
                // "effectue depuis dimanche une visite", "a eu, samedi, une conversation".
                k = Dates[DateAt[previous]].StartToken;
                if (View.IsComma(k - 1))
                {
                    k--;
                }

                if ((Index.ClassesEndingAt(k) & (WordClass.Preposition | WordClass.Determiner)) != 0)
                {
                    k = Index.PhraseStartEndingAt(k);
                }

                continue;
            }

            if (ReferentAt[previous] >= 0 && Referents[ReferentAt[previous]].Type == EntityType.Location)
            {
                // "ont repris jeudi à Doha des négociations": a place between the verb and its noun.
                k = Referents[ReferentAt[previous]].Start;
                if ((Index.ClassesEndingAt(k) & WordClass.Locative) != 0)
                {
                    k = Index.PhraseStartEndingAt(k);
                }

                continue;
            }

            if (View.IsComma(previous) || (View.Classes[previous] & WordClass.Adverb) != 0 || (View.Tokens[previous].Kind == TokenKind.Word && !View.IsCapitalized(previous) && ReferentAt[previous] < 0 && View.ClassLengths[previous] == 0 && steps < 2))
            {
                // an adjective (une longue conversation) or an adverb
                k = previous;
                continue;
            }

            break;
        }

        return false;
    }

    /// <summary>Whether the noun at <paramref name="k"/> is the purpose of a trip: "pour des entretiens", "en vue d'une rencontre".</summary>
    public bool PurposeBefore(int k)
    {
        var classes = Index.ClassesEndingAt(k);
        var start = k;
        if ((classes & WordClass.Determiner) != 0)
        {
            start = Index.PhraseStartEndingAt(k);
            classes = Index.ClassesEndingAt(start);
        }

        return (classes & WordClass.Pour) != 0 || Index.HasCueEndingNear(start, 0, CueClass.Planned);
    }

    /// <summary>Whether the direct object of a verb is a meeting noun: "a accueilli (vendredi à Istanbul) une rencontre".</summary>
    public bool ObjectIsMeetingNoun(MeetingMention mention)
    {
        var k = mention.TriggerEnd;
        for (var steps = 0; steps < 8 && k < mention.ClauseEnd; steps++)
        {
            if (DateAt[k] >= 0)
            {
                k = Dates[DateAt[k]].EndToken;
                continue;
            }

            if (ReferentAt[k] >= 0 && Referents[ReferentAt[k]].Type == EntityType.Location)
            {
                k = Referents[ReferentAt[k]].End;
                continue;
            }

            if (View.ClassLengths[k] > 0 && (View.Classes[k] & (WordClass.Determiner | WordClass.Locative | WordClass.Adverb)) != 0)
            {
                k += View.ClassLengths[k];
                continue;
            }

            if (View.IsComma(k) || Index.IsMentAdverb(k))
            {
                k++;
                continue;
            }

            return (Index.ClassesEndingAt(k) & WordClass.Determiner) != 0 && Lexicons.Events.Triggers.Longest(View.Ids, k, t => !t.IsVerb, out _) > 0;
        }

        return false;
    }

    /// <summary>
    /// Whether the direct object after a verb is a common noun phrase with no referent ("a reçu jeudi à l'Élysée les
    /// lettres de créance"): dates, places and adverbs before it are skipped.
    /// </summary>
    public bool ThingObjectAfter(int start, int end)
    {
        for (var k = start; k < end && k < View.Count; k++)
        {
            if (DateAt[k] >= 0)
            {
                k = Dates[DateAt[k]].EndToken - 1;
                continue;
            }

            if (ReferentAt[k] >= 0)
            {
                var referent = Referents[ReferentAt[k]];
                if (referent.Type != EntityType.Location)
                {
                    return false;
                }

                k = referent.End - 1;
                continue;
            }

            if (View.IsComma(k) || Index.IsMentAdverb(k))
            {
                continue;
            }

            var length = View.ClassLengths[k];
            if (length == 0)
            {
                return false;
            }

            var classes = View.Classes[k];
            if ((classes & WordClass.Locative) != 0)
            {
                k += length - 1;
                continue;
            }

            if ((classes & WordClass.Adverb) != 0)
            {
                continue;
            }

            if ((classes & WordClass.Determiner) != 0)
            {
                var noun = k + length;
                return noun < end && ReferentAt[noun] < 0 && View.ClassLengths[noun] == 0 && View.Tokens[noun].Kind == TokenKind.Word && !View.IsCapitalized(noun);
            }

            return false;
        }

        return false;
    }
}
