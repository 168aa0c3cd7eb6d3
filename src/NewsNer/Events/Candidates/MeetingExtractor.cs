using NewsNer.Entities.Linking;
using NewsNer.Entities;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Candidates;

/// <summary>
/// Finds the meetings a French news text states. Only sentences that contain a trigger (a meeting verb or noun of
/// <c>Resources/fr/events</c>) are analysed. For each trigger the clause around it gives the parties (subject,
/// object, <c>avec</c>/<c>entre</c>/<c>par</c> complements, coordinated names, pronouns and "les deux présidents"
/// resolved to parties already named), the delegation (<c>accompagné de</c>), people present
/// (<c>en présence de</c>), the place (<c>à</c>/<c>au</c>/<c>en</c>/<c>dans</c> + place), the date, the topic
/// (<c>portant sur</c>, <c>ont évoqué</c>), and the status from tense, mood and cue words. Negated, cancelled,
/// denied, vague (<c>multiplié les rencontres</c>), interview and domestic-field-visit statements are dropped. The
/// mentions then merge into one event per encounter (<see cref="Rules.MeetingMerger"/>). Immutable and thread-safe.
/// </summary>
internal sealed class MeetingExtractor(FrenchLexicons lexicons)
{
    /// <summary>Longest distance (tokens) between a planning or cancelling word and the trigger it governs.</summary>
    private const int CueWindow = 8;

    /// <summary>How many days before publication a dated meeting in the plus-que-parfait is still part of the news.</summary>
    private const int NewsWindowDays = 7;

    private const int TopicClasses = (1 << (int)CueClass.Topic) | (1 << (int)CueClass.TopicDe) | (1 << (int)CueClass.TopicNounPhrase);

    /// <summary>How many earlier mentions the look-backs of one mention read (a cancelled antecedent, the narrated day).</summary>
    private const int RecentMentions = 64;

    /// <summary>The shared extractor over the embedded lexicons.</summary>
    public static MeetingExtractor Default { get; } = new(FrenchLexicons.Default);

    public FrenchLexicons Lexicons => lexicons;

    /// <summary>Reads the meeting mentions of a document, in text order (dropped ones included, marked).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every sentence and every 256 tokens).</exception>
    public MentionReading Read(EventDocumentIndex index, CancellationToken cancellationToken = default)
    {
        var doc = new MentionReading(index);
        var mentions = doc.Mentions;
        var view = index.View;
        for (var s = 0; s < view.Sentences.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = view.Sentences[s];
            if (!HasTrigger(view, sentence.FirstToken, sentence.EndToken) && !HasTopicCue(view, sentence.FirstToken, sentence.EndToken))
            {
                continue;
            }

            var before = mentions.Count;
            for (var k = sentence.FirstToken; k < sentence.EndToken && k < view.Count; k++)
            {
                if ((k & 255) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (doc.Index.ReferentAt[k] >= 0 || doc.Index.InsideCue(k) || !lexicons.Events.Triggers.CanStartWith(view.Ids[k]))
                {
                    continue;
                }

                var length = lexicons.Events.Triggers.Longest(view.Ids, k, out var triggers);
                if (length == 0)
                {
                    continue;
                }

                var mention = Analyse(doc, s, k, length, triggers, mentions);
                if (mention is not null)
                {
                    mentions.Add(mention);
                    doc.Memory.Remember(mention);
                }

                k += length - 1;
            }

            AttachVerbalTopics(doc, s, mentions, before);
        }

        return doc;
    }

    /// <summary>Whether any sentence of the document holds a trigger or a topic cue: without one, there is nothing to read.</summary>
    public bool MayStateMeetings(LexicalView view)
    {
        for (var k = 0; k < view.Count; k++)
        {
            if (lexicons.Events.Triggers.CanStartWith(view.Ids[k]) || lexicons.Events.CueMayStart(view.Ids[k], TopicClasses))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasTrigger(LexicalView view, int start, int end)
    {
        for (var k = start; k < end && k < view.Count; k++)
        {
            if (lexicons.Events.Triggers.CanStartWith(view.Ids[k]))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasTopicCue(LexicalView view, int start, int end)
    {
        for (var k = start; k < end && k < view.Count; k++)
        {
            if (lexicons.Events.CueMayStart(view.Ids[k], TopicClasses) && lexicons.Events.Cues.Longest(view.Ids, k, c => c is CueClass.Topic or CueClass.TopicDe or CueClass.TopicNounPhrase, out _) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private MeetingMention? Analyse(MentionReading doc, int s, int k, int length, Trigger[] triggers, List<MeetingMention> earlier)
    {
        var view = doc.Index.View;
        var trigger = ChooseReading(doc, k, triggers);
        if (trigger is null)
        {
            return null;
        }

        var (clauseStart, clauseEnd) = doc.Index.Clause(k, k + length);
        var mention = new MeetingMention
        {
            Trigger = trigger,
            Sentence = s,
            TriggerStart = k,
            TriggerEnd = k + length,
            ClauseStart = clauseStart,
            ClauseEnd = clauseEnd,
            Subtype = trigger.Subtype,
        };

        if (trigger.IsVerb && !VerbConstraintsHold(doc, mention))
        {
            // Another reading of the same form may fit: "parlé" of "se parler" (reciprocal) or of "parler à".
            var other = triggers.FirstOrDefault(t => t.IsVerb && t != trigger && t.Form == trigger.Form
                && VerbConstraintsHold(doc, new MeetingMention { Trigger = t, Sentence = s, TriggerStart = k, TriggerEnd = k + length, ClauseStart = clauseStart, ClauseEnd = clauseEnd }));
            if (other is null)
            {
                return null;
            }

            trigger = other;
            mention = new MeetingMention
            {
                Trigger = trigger,
                Sentence = s,
                TriggerStart = k,
                TriggerEnd = k + length,
                ClauseStart = clauseStart,
                ClauseEnd = clauseEnd,
                Subtype = trigger.Subtype,
            };
        }

        if (doc.Index.HasCue(clauseStart, clauseEnd, CueClass.Phone) || trigger.NounFlags.HasFlag(NounFlags.Phone))
        {
            mention.Subtype = MeetingSubtype.PhoneCall;
        }

        if (trigger.IsVerb && trigger.Frame == VerbFrame.Host && doc.Parties.ObjectIsMeetingNoun(mention))
        {
            // "a accueilli une rencontre / des négociations": the noun states the meeting, with its own parties.
            return null;
        }

        if (trigger.IsVerb)
        {
            ReadVerbArguments(doc, mention);

            // "a reçu à l'Élysée les lettres de créance de ...", "a reçu des critiques": a thing received, not a visitor.
            if (trigger.VerbFlags.HasFlag(VerbFlags.PersonObject) && !mention.Parties.ContainsValue(ParticipantRole.Guest)
                && doc.Parties.ThingObjectAfter(mention.TriggerEnd, mention.ClauseEnd))
            {
                mention.Dropped = "the object is no person";
            }

            if (trigger.Frame == VerbFrame.Meet)
            {
                HostAtSeatOfGovernment(doc, mention);
            }

            // "Les dirigeants de l'UA se sont réunis pour leur sommet": the gathering is the summit; but two people who
            // "se reverront lors du sommet du G20" meet on its occasion.
            var (near, nearEnd) = Near(doc.Index, mention);
            mention.AtSummit = doc.Circumstances.SummitOccasionIn(near, nearEnd);
            var bilateral = mention.Parties.Count + mention.Unnamed.Count == 2 && mention.AtSummit;
            if (trigger.Frame == VerbFrame.Gather && !bilateral && doc.Circumstances.SummitNounIn(mention.ClauseStart, mention.ClauseEnd))
            {
                mention.Subtype = MeetingSubtype.Summit;
                mention.DefiniteSummit = true;
                AddGathered(doc, mention);
            }
            else if (trigger.Frame == VerbFrame.Gather && mention.Parties.Keys.Any(e => doc.Index.Entities[e].Kind == "igo"))
            {
                // "Les ministres de la Défense de l'OTAN se réuniront": an organization's members gathering is multilateral.
                mention.Subtype = MeetingSubtype.Summit;
            }
        }
        else if (trigger.NounFlags.HasFlag(NounFlags.Summit))
        {
            ReadSummit(doc, mention);
        }
        else
        {
            ReadNounArguments(doc, mention);
            if (mention.Subtype == MeetingSubtype.Meet)
            {
                HostAtSeatOfGovernment(doc, mention); // "une rencontre entre X et Y a eu lieu à l'Élysée"
            }
        }

        ReadCircumstances(doc, mention);
        if (mention.Date is { OffsetUnit: DateWordKind.RelativeToEvent } relative)
        {
            // "la veille", "le lendemain": counted from the day the story tells, which earlier mentions give.
            mention.Date = relative.WithAnchor(NarratedDay(doc.Index.Calendar, earlier, s, told: mention.Trigger.Tense is VerbTense.PastParticiple or VerbTense.SimplePast or VerbTense.Imperfect));
        }

        mention.Status = Status(doc, mention);
        mention.Dropped ??= WhyDropped(doc, mention) ?? CancelledAntecedent(doc, mention, earlier);
        return mention;
    }

    /// <summary>
    /// "a annulé la visite qu'il devait effectuer à Athènes, où il devait rencontrer X": a meeting in a relative clause
    /// of a cancelled or denied meeting of the same sentence goes with it.
    /// </summary>
    private static string? CancelledAntecedent(MentionReading doc, MeetingMention mention, List<MeetingMention> earlier)
    {
        if (mention.Status == EventStatus.Past || !doc.Status.RelativeClauseAt(mention.ClauseStart))
        {
            return null;
        }

        for (var m = earlier.Count - 1; m >= 0 && m >= earlier.Count - RecentMentions && earlier[m].Sentence == mention.Sentence; m--)
        {
            if (earlier[m].Dropped is "cancelled or denied" or "denied" && earlier[m].TriggerEnd <= mention.ClauseStart)
            {
                return "cancelled or denied";
            }
        }

        return null;
    }

    /// <summary>
    /// A gathering that is a summit: the organization the summit is named after ("lors d'un sommet extraordinaire de la
    /// Communauté d'Afrique de l'Est") and every person the subject lists ("Les présidents du Kenya, X, de l'Ouganda, Y,
    /// et de Tanzanie, Z, se sont réunis") take part.
    /// </summary>
    private void AddGathered(MentionReading doc, MeetingMention mention)
    {
        var view = doc.Index.View;
        if (mention.Parties.Count == 0)
        {
            return;
        }

        for (var k = mention.ClauseStart; k < mention.ClauseEnd; k++)
        {
            if (doc.Index.ReferentAt[k] >= 0 || !lexicons.Events.Triggers.CanStartWith(view.Ids[k]))
            {
                continue;
            }

            var length = lexicons.Events.Triggers.Longest(view.Ids, k, t => t.NounFlags.HasFlag(NounFlags.Summit), out _);
            if (length == 0)
            {
                continue;
            }

            var end = k + length;
            for (var skip = 0; skip < 2 && end < mention.ClauseEnd && view.ClassLengths[end] == 0 && doc.Index.ReferentAt[end] < 0 && !view.IsCapitalized(end); skip++)
            {
                end++; // "sommet extraordinaire de ..."
            }

            if (doc.Circumstances.SummitNameAfter(end) is { Entity: >= 0, Type: EntityType.Organization } name)
            {
                mention.Parties.TryAdd(name.Entity, ParticipantRole.Participant);
            }

            break;
        }

        for (var k = mention.ClauseStart; k < mention.TriggerStart; k++)
        {
            var r = doc.Index.ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = doc.Index.Referents[r];
            k = referent.End - 1;
            if (referent.Entity >= 0 && referent.Type == EntityType.Person && referent.CanParticipate && referent.Start >= mention.ClauseStart
                && (doc.Index.ClassesEndingAt(referent.Start) & WordClass.Preposition) == 0)
            {
                mention.Parties.TryAdd(referent.Entity, ParticipantRole.Participant);
            }
        }
    }

    /// <summary>
    /// "X s'est entretenu au Quai d'Orsay avec Y", "X a rencontré Y au Kremlin", "une rencontre entre X et Y à l'Élysée":
    /// at the seat of one party's own government, that party receives the other (the guide's "residence of the host").
    /// </summary>
    private static void HostAtSeatOfGovernment(MentionReading doc, MeetingMention mention)
    {
        if (mention.Parties.Count != 2 || mention.Parties.ContainsValue(ParticipantRole.Host)
            || doc.Index.SeatOfGovernmentCountry(mention.ClauseStart, mention.ClauseEnd) is not { } seat)
        {
            return;
        }

        var home = mention.Parties.Keys.Where(e => doc.Index.Entities[e].Country == seat).ToList();
        if (home.Count == 1)
        {
            foreach (var party in mention.Parties.Keys.ToList())
            {
                mention.Parties[party] = party == home[0] ? ParticipantRole.Host : ParticipantRole.Guest;
            }

            mention.Subtype = MeetingSubtype.HostVisit;
        }
    }

    /// <summary>
    /// The day of the news event the text narrates, for "la veille" / "le lendemain": the latest meeting of an earlier
    /// sentence with a day-level date, else null (publication). A meeting told in a past tense (<paramref name="told"/>:
    /// "la veille, il s'était entretenu") counts from a meeting that happened, never from an announced one.
    /// </summary>
    private static DateOnly? NarratedDay(DateResolver calendar, List<MeetingMention> earlier, int sentence, bool told)
    {
        for (var m = earlier.Count - 1; m >= 0 && m >= earlier.Count - RecentMentions; m--)
        {
            var mention = earlier[m];
            if (mention.Sentence < sentence && mention.Dropped is null && mention.Status != EventStatus.Past
                && !(told && mention.Status == EventStatus.Planned)
                && mention.Date is { OffsetUnit: not DateWordKind.RelativeToEvent } date
                && calendar.Resolve(date, mention.Status) is { Length: 10 } value)
            {
                return DateOnly.ParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>"rencontre" is a noun after a determiner or a preposition, a verb after a subject, clitic or auxiliary.</summary>
    private static Trigger? ChooseReading(MentionReading doc, int k, Trigger[] triggers)
    {
        // Folded lookups merge "rencontré" and "rencontre": the reading spelled like the token comes first.
        var written = Tokenization.TokenNormalizer.Normalize(doc.Index.View.Tokens[k].Span);
        var verbs = triggers.Where(t => t.IsVerb).OrderByDescending(t => t.Form == written).ThenByDescending(t => PreferredTense(doc, k, t)).ToList();
        var verb = verbs.FirstOrDefault();
        var noun = triggers.FirstOrDefault(t => !t.IsVerb);
        if (verb is null || noun is null)
        {
            return verb ?? noun;
        }

        var before = doc.Index.ClassesEndingAt(k);
        if ((before & (WordClass.Determiner | WordClass.Preposition)) != 0 || k == doc.Index.SentenceStart(k) || doc.Index.View.IsChar(k - 1, ':')
            || doc.Index.NumberBefore(k) || (noun.Form == written && verb.Form != written) || doc.Index.IsVerbForm(k - 1))
        {
            return noun;
        }

        // An adjective between determiner and noun: "une première rencontre", "sa prochaine visite".
        if (k >= 2 && (doc.Index.ClassesEndingAt(k - 1) & WordClass.Determiner) != 0 && doc.Index.ReferentAt[k - 1] < 0 && !doc.Index.View.IsCapitalized(k - 1))
        {
            return noun;
        }

        return verb;
    }

    /// <summary>When the spelling does not decide (an accent dropped), an auxiliary before the verb makes it a participle.</summary>
    private static bool PreferredTense(MentionReading doc, int k, Trigger trigger) =>
        trigger.Tense == VerbTense.PastParticiple == ((doc.Index.ClassesEndingAt(k) & (WordClass.Auxiliary | WordClass.Reflexive)) != 0);

    private bool VerbConstraintsHold(MentionReading doc, MeetingMention mention)
    {
        var reflexive = doc.Parties.ReflexiveBefore(mention.TriggerStart, mention.ClauseStart);
        var flags = mention.Trigger.VerbFlags;
        if (flags.HasFlag(VerbFlags.Reflexive) && !reflexive)
        {
            return false;
        }

        if (flags.HasFlag(VerbFlags.NoReflexive) && reflexive)
        {
            return false;
        }

        // After an article that cannot be an object clitic ("l'échange de prisonniers", "une visite"), a noun.
        var before = doc.Index.ClassesEndingAt(mention.TriggerStart);
        if ((before & (WordClass.DetIndef | WordClass.DetPoss | WordClass.DetDem)) != 0 || ((before & WordClass.DetDef) != 0 && (before & WordClass.Preposition) != 0))
        {
            return false;
        }

        // "par téléphone", "pour visite": after a preposition a finite form is a noun; only an infinitive or a present
        // participle ("sans rencontrer", "en recevant") can follow one as a verb.
        if ((before & WordClass.Preposition) != 0 && mention.Trigger.Tense is not (VerbTense.Infinitive or VerbTense.PresentParticiple or VerbTense.PastParticiple))
        {
            return false;
        }

        // "appeler à la retenue", "a appelé l'UE à renforcer": a call on someone to do something, not a phone call.
        if (mention.Trigger.Lemma == "appeler" && doc.Index.HasWordClassIn(mention.TriggerEnd, mention.ClauseEnd, WordClass.A))
        {
            return false;
        }

        // "un sommet très attendu", "une visite fort attendue": a weak participle after a degree adverb is an adjective.
        if (mention.Trigger.Strength == TriggerStrength.Weak && mention.Trigger.Tense == VerbTense.PastParticiple
            && (before & WordClass.Adverb) != 0 && (before & (WordClass.Auxiliary | WordClass.Reflexive)) == 0 && doc.Status.NounPhraseBefore(mention.TriggerStart))
        {
            return false;
        }

        return true;
    }

    private void ReadVerbArguments(MentionReading doc, MeetingMention mention)
    {
        var trigger = mention.Trigger;
        var passive = trigger.Frame is VerbFrame.Host or VerbFrame.Meet or VerbFrame.Call
            && trigger.Tense == VerbTense.PastParticiple && doc.Parties.IsPassive(mention.TriggerStart, mention.ClauseStart);
        var subjects = doc.Subject(mention.TriggerStart, mention.ClauseStart, out var subjectPronounPlural);
        var objects = doc.Parties.Objects(mention, passive);

        switch (trigger.Frame)
        {
            case VerbFrame.Host:
                if (passive)
                {
                    AddParties(mention, subjects, ParticipantRole.Guest);
                    AddParties(mention, objects.Agents, ParticipantRole.Host);
                }
                else
                {
                    AddParties(mention, subjects, ParticipantRole.Host);
                    AddParties(mention, objects.Direct, ParticipantRole.Guest);
                }

                break;

            case VerbFrame.Visit:
                AddParties(mention, subjects, ParticipantRole.Guest);
                AddParties(mention, objects.Hosts, ParticipantRole.Host);
                AddParties(mention, objects.Direct, ParticipantRole.Host);
                break;

            default:
                AddParties(mention, subjects, ParticipantRole.Participant);
                AddParties(mention, objects.Direct, ParticipantRole.Participant);
                AddParties(mention, objects.Agents, ParticipantRole.Participant);
                break;
        }

        AddParties(mention, objects.Hosts, ParticipantRole.Host);
        if (mention.Parties.Count == 0 && mention.Unnamed.Count == 0 && subjectPronounPlural)
        {
            mention.Anaphoric = true;
        }
    }

    private void ReadNounArguments(MentionReading doc, MeetingMention mention)
    {
        var view = doc.Index.View;
        var k = mention.TriggerStart;
        var determiner = doc.Index.ClassesEndingAt(k);
        if (determiner == WordClass.None && k >= 2 && !view.IsCapitalized(k - 1))
        {
            determiner = doc.Index.ClassesEndingAt(k - 1); // "sa première visite"
        }

        var complements = doc.Parties.NounComplements(mention);
        mention.ComplementEnd = complements.End;
        var hostNoun = mention.Trigger.Subtype == MeetingSubtype.HostVisit;
        var visitNoun = mention.Trigger.NounFlags.HasFlag(NounFlags.Visit);

        // The subject of a light verb takes part: "X a eu une conversation avec Y", "X a effectué une visite".
        var carried = doc.Parties.CarriedBySubject(mention, out var hostsOthers);

        // "est attendu à Luanda pour des entretiens avec X", "s'est rendu à Paris en vue d'une rencontre": the purpose
        // of the subject's trip.
        if (doc.Parties.PurposeBefore(k))
        {
            carried = true;
        }
        var possessive = (determiner & WordClass.DetPoss) != 0;
        List<Referent> subjects = [];
        var pronounPlural = false;
        var fronted = determiner == WordClass.None || (determiner & WordClass.En) != 0;
        if (!carried && !possessive && fronted && k <= mention.ClauseStart + 1 && (doc.Index.ClassesEndingAt(k) & WordClass.En) != 0)
        {
            // "En visite officielle à Paris, le Premier ministre X a rencontré ...": the visitor is the main subject.
            subjects = doc.Parties.SubjectAfterFrontedPhrase(mention.TriggerEnd, mention.ClauseEnd);
        }

        if (carried || possessive)
        {
            subjects = doc.Subject(k, mention.ClauseStart, out pronounPlural);
            if (subjects.Count == 0 && possessive && !pronounPlural)
            {
                subjects = doc.Parties.SubjectAfterFrontedPhrase(mention.TriggerEnd, mention.ClauseEnd);
            }
        }

        var subjectRole = hostNoun ? ParticipantRole.Host : visitNoun ? ParticipantRole.Guest : ParticipantRole.Participant;
        if (hostsOthers && carried && !hostNoun && !visitNoun)
        {
            // "Erdogan a accueilli une rencontre entre X et Y", "le Qatar organise des négociations": the subject
            // provides the venue or mediates; the parties are the noun's complements.
            foreach (var subject in subjects)
            {
                if (subject.Entity >= 0)
                {
                    mention.Present.Add(subject.Entity);
                }
            }

            subjects = [];
        }

        AddParties(mention, subjects, subjectRole);
        AddParties(mention, complements.Of, visitNoun ? ParticipantRole.Guest : ParticipantRole.Participant);
        AddParties(mention, complements.With, hostNoun ? ParticipantRole.Guest : ParticipantRole.Participant);
        AddParties(mention, complements.Between, ParticipantRole.Participant);
        AddParties(mention, complements.Hosts, hostNoun ? ParticipantRole.Guest : ParticipantRole.Host);

        if (mention.Parties.Count == 0 && mention.Unnamed.Count == 0)
        {
            mention.Anaphoric = (determiner & (WordClass.DetDef | WordClass.DetDem | WordClass.DetPoss)) != 0 || pronounPlural || subjects.Count == 0;
        }
    }

    /// <summary>
    /// A summit is an event of its own only when the text says something about it (it opens, ends, gathers, deals
    /// with ...); "en marge du sommet X" only names the occasion of another meeting.
    /// </summary>
    private void ReadSummit(MentionReading doc, MeetingMention mention)
    {
        var view = doc.Index.View;
        var k = mention.TriggerStart;
        var name = doc.Circumstances.SummitNameAfter(mention.TriggerEnd);
        var margin = doc.Index.HasCueEndingNear(k, 3, CueClass.Margin) || (doc.Index.ClassesEndingAt(k) & WordClass.TimePreposition) != 0
            || (k >= 1 && (doc.Index.ClassesEndingAt(k - 1) & WordClass.TimePreposition) != 0);
        var sentence = view.Sentences[mention.Sentence];
        var (near, nearEnd) = Near(doc.Index, mention);
        var speaksOfIt = doc.Index.HasCue(near, nearEnd, CueClass.SummitVerb) || doc.Index.HasCue(mention.TriggerEnd, nearEnd, CueClass.Topic);
        var determiner = doc.Index.ClassesEndingAt(k);
        if (determiner == WordClass.None && k >= 1)
        {
            determiner = doc.Index.ClassesEndingAt(k - 1); // "leur sommet annuel", "ce dernier sommet"
        }

        mention.DefiniteSummit = name is null && (determiner & (WordClass.DetDem | WordClass.DetDef | WordClass.DetPoss)) != 0;
        name ??= (determiner & (WordClass.DetDem | WordClass.DetDef | WordClass.DetPoss)) != 0 ? doc.Memory.LastSummitName : null;
        if (name is not null)
        {
            doc.Memory.RememberSummit(name);
        }

        mention.SummitName = name;
        if (margin && name?.Entity >= 0)
        {
            doc.Memory.MarginSummits.Add((name.Entity, mention.Sentence));
        }

        if (margin || !speaksOfIt)
        {
            mention.Dropped = "summit named as an occasion only";
            return;
        }

        if (name?.Entity >= 0 && name.Type == EntityType.Organization)
        {
            mention.Parties[name.Entity] = ParticipantRole.Participant;
        }

        // The subject of the clause takes part: "Les dirigeants de l'UA se sont réunis pour leur sommet".
        foreach (var subject in doc.Subject(k, mention.ClauseStart, out _))
        {
            if (subject.Entity >= 0 && subject.CanParticipate)
            {
                mention.Parties.TryAdd(subject.Entity, ParticipantRole.Participant);
            }
        }

        // Leaders named in the sentence take part, unless the sentence says they are absent.
        for (var t = near; t < nearEnd; t++)
        {
            var r = doc.Index.ReferentAt[t];
            if (r < 0)
            {
                continue;
            }

            var referent = doc.Index.Referents[r];
            t = referent.End - 1;
            if (referent.Entity >= 0 && referent.Type == EntityType.Person && doc.Index.IsLeader(referent) && !doc.Index.HasNegationNear(referent.Start))
            {
                mention.Parties.TryAdd(referent.Entity, ParticipantRole.Participant);
            }
        }
    }

    /// <summary>The part of a mention's sentence within <see cref="EventDocumentIndex.ClauseReach"/> tokens of its trigger.</summary>
    private static (int Start, int End) Near(EventDocumentIndex index, MeetingMention mention)
    {
        var sentence = index.View.Sentences[mention.Sentence];
        return (Math.Max(sentence.FirstToken, mention.TriggerStart - EventDocumentIndex.ClauseReach), Math.Min(Math.Min(sentence.EndToken, index.View.Count), mention.TriggerEnd + EventDocumentIndex.ClauseReach));
    }

    private static void AddParties(MeetingMention mention, List<Referent> referents, ParticipantRole role)
    {
        foreach (var referent in referents)
        {
            if (referent.Entity >= 0)
            {
                if (!mention.Parties.TryGetValue(referent.Entity, out var existing) || existing == ParticipantRole.Participant)
                {
                    mention.Parties[referent.Entity] = role;
                }
            }
            else if (referent.Kind == ReferentKind.Unnamed && referent.CanParticipate)
            {
                mention.Unnamed.Add(referent);
            }
        }
    }

    /// <summary>Place, date, delegation, people present, topic.</summary>
    private void ReadCircumstances(MentionReading doc, MeetingMention mention)
    {
        var view = doc.Index.View;
        var start = mention.ClauseStart;
        var end = mention.ClauseEnd;
        var topicEnd = -1;
        for (var k = start; k < end; k++)
        {
            if (k >= mention.TriggerStart && k < mention.TriggerEnd)
            {
                continue;
            }

            var cue = doc.Index.CueAt(k, out var cueLength);
            if (cueLength > 0)
            {
                switch (cue)
                {
                    case CueClass.Delegation:
                        foreach (var member in doc.Parties.ListAfter(k + cueLength, end))
                        {
                            if (member.Entity >= 0)
                            {
                                mention.Delegation.Add(member.Entity);
                            }
                        }

                        break;
                    case CueClass.Mediator:
                        foreach (var present in doc.Parties.ListAfter(k + cueLength, end))
                        {
                            if (present.Entity >= 0 && (present.CanParticipate || present.IsState))
                            {
                                mention.Present.Add(present.Entity);
                            }
                        }

                        break;
                    case CueClass.Invitation:
                        foreach (var host in doc.Parties.ListAfter(k + cueLength, end))
                        {
                            if (host.Entity >= 0 && host.CanParticipate)
                            {
                                // "à l'invitation de X": X receives; the visit is hosted.
                                mention.Parties[host.Entity] = ParticipantRole.Host;
                                if (mention.Subtype is MeetingSubtype.MakeVisit or MeetingSubtype.Meet)
                                {
                                    mention.Subtype = MeetingSubtype.HostVisit;
                                }
                            }
                        }

                        break;
                    case CueClass.Topic:
                    case CueClass.TopicDe:
                    case CueClass.TopicNounPhrase:
                        // A noun-phrase cue describes the noun right before it ("des discussions portant sur");
                        // a verbal cue after the trigger in its clause is what the parties discussed.
                        // After a verb, a prepositional cue in its clause is a complement of the verb ("s'est entretenu
                        // avec X au sujet de ...").
                        var attaches = k >= mention.TriggerEnd && (cue != CueClass.TopicNounPhrase || k - mention.TriggerEnd <= 4 || mention.Trigger.IsVerb
                            || (view.IsComma(k - 1) && doc.Index.OnlyCircumstancesBetween(mention.TriggerEnd, k - 1)));
                        if (attaches && k > topicEnd)
                        {
                            var topic = doc.Circumstances.TopicSpan(k + cueLength, cue == CueClass.TopicDe, requirePreposition: cue == CueClass.TopicDe);
                            if (topic is { } span)
                            {
                                mention.Topics.Add(span);
                                topicEnd = doc.Index.TokenAtOrAfterChar(span.End);
                            }
                        }

                        break;
                }

                k += cueLength - 1;
                continue;
            }

            var r = doc.Index.ReferentAt[k];
            if (r >= 0)
            {
                var referent = doc.Index.Referents[r];
                if (referent.Type == EntityType.Location && k == referent.Start && k > topicEnd && doc.Circumstances.IsLocative(referent.Start, mention))
                {
                    mention.Places.Add(referent);
                }

                k = referent.End - 1;
            }
        }

        // "des négociations sur l'accord commercial", "un entretien sur la sécurité": sur right after a meeting noun.
        if (!mention.Trigger.IsVerb && mention.Topics.Count == 0)
        {
            var after = Math.Max(mention.TriggerEnd, mention.ComplementEnd);
            for (var skip = 0; skip < 2 && after < end && view.ClassLengths[after] == 0 && doc.Index.ReferentAt[after] < 0
                && view.Tokens[after].Kind == Tokenization.TokenKind.Word && !view.IsCapitalized(after); skip++)
            {
                after++; // adjectives: "des pourparlers directs sur"
            }

            if (after < end && view.Is(after, WordClass.Sur) && view.ClassLengths[after] == 1 && doc.Circumstances.TopicSpan(after + 1, skipPreposition: false) is { } span)
            {
                mention.Topics.Add(span);
                mention.Places.RemoveAll(p => view.Tokens[p.Start].Start >= span.Start && view.Tokens[p.Start].Start < span.End);
            }
        }

        // "s'est entretenu avec X sur la reconnaissance de l'État palestinien": a talk verb (one whose peer comes after
        // avec) takes what was discussed after sur.
        if (mention.Trigger.IsVerb && mention.Trigger.VerbFlags.HasFlag(VerbFlags.Avec) && mention.Topics.Count == 0)
        {
            for (var k = mention.TriggerEnd; k < end; k++)
            {
                if (doc.Index.ReferentAt[k] >= 0)
                {
                    k = doc.Index.Referents[doc.Index.ReferentAt[k]].End - 1;
                    continue;
                }

                if (view.ClassLengths[k] == 1 && view.Is(k, WordClass.Sur) && !doc.Index.InsideCue(k) && doc.Circumstances.TopicSpan(k + 1, skipPreposition: false) is { } span)
                {
                    mention.Topics.Add(span);
                    break;
                }
            }
        }

        // "discuteront du sort de ...": the trigger is its own topic cue.
        if (mention.Trigger.IsVerb && lexicons.Events.Cues.Longest(view.Ids, mention.TriggerStart, c => c == CueClass.TopicDe, out _) > 0 && mention.Topics.Count == 0)
        {
            // "discute avec Scholz de la défense européenne": past the peers, the de-phrase is the topic.
            var from = doc.Parties.SkipPeers(mention.TriggerEnd, mention.ClauseEnd);
            if (doc.Circumstances.TopicSpan(from, skipPreposition: true, requirePreposition: true) is { } span)
            {
                mention.Topics.Add(span);
            }
        }

        // Places named inside what was discussed ("du sort des bases russes en Syrie") are not where the meeting was.
        if (mention.Topics.Count > 0)
        {
            mention.Places.RemoveAll(p => mention.Topics.Any(t => view.Tokens[p.Start].Start >= t.Start && view.Tokens[p.Start].Start < t.End));
        }

        mention.Date = doc.Circumstances.DateFor(mention);
    }

    /// <summary>
    /// Topic cues with a finite verb ("les deux présidents ont évoqué ...", "L'entretien a porté sur ...") in a sentence:
    /// the topic goes to the meeting the clause is about.
    /// </summary>
    private void AttachVerbalTopics(MentionReading doc, int s, List<MeetingMention> mentions, int firstOfSentence)
    {
        var view = doc.Index.View;
        var sentence = view.Sentences[s];
        var taken = new HashSet<(int Start, int End)>();
        for (var m = firstOfSentence; m < mentions.Count; m++)
        {
            taken.UnionWith(mentions[m].Topics);
        }

        for (var k = sentence.FirstToken; k < sentence.EndToken; k++)
        {
            var cue = doc.Index.CueAt(k, out var cueLength);
            if (cueLength == 0 || cue is not (CueClass.Topic or CueClass.TopicDe))
            {
                if (cueLength > 0)
                {
                    k += cueLength - 1;
                }

                continue;
            }

            // Already taken by a mention of this sentence?
            var span = doc.Circumstances.TopicSpan(k + cueLength, cue == CueClass.TopicDe, requirePreposition: cue == CueClass.TopicDe);
            if (span is not { } topic || !taken.Add(topic))
            {
                k += cueLength - 1;
                continue;
            }

            // The nearest trigger before the cue in this sentence, if any, owns the topic (even a dropped one): the last
            // mention ending before the cue, found by binary search (mentions are in text order).
            MeetingMention? owner = null;
            var lo = firstOfSentence;
            var hi = mentions.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (mentions[mid].TriggerEnd <= k)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            if (lo > firstOfSentence && k - mentions[lo - 1].TriggerEnd <= 25)
            {
                owner = mentions[lo - 1];
            }

            if (owner is null && doc.SubjectIsPair(k))
            {
                owner = doc.Memory.LastMention;
            }

            if (owner is not null && owner.Dropped is null)
            {
                owner.Topics.Add(topic);
            }
            else
            {
                taken.Remove(topic);
            }

            k += cueLength - 1;
        }
    }

    private EventStatus Status(MentionReading doc, MeetingMention mention)
    {
        var status = mention.Trigger.IsVerb ? doc.Status.VerbStatus(mention, out var hedged) : doc.Status.NounStatus(mention, out hedged);
        mention.Hedged = hedged;
        if (status == EventStatus.Reported && mention.Trigger.VerbFlags.HasFlag(VerbFlags.Prospective))
        {
            // "Wang Yi attendu à Dakar", "X est attendu lundi à Paris": being expected somewhere announces the visit.
            status = EventStatus.Planned;
        }

        if (doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, CueWindow, CueClass.Planned)
            || doc.Index.HasCueAfter(Math.Max(mention.TriggerEnd, mention.ComplementEnd), mention.ClauseEnd, 3, CueClass.Planned))
        {
            status = EventStatus.Planned;
        }

        var pastCue = doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 4, CueClass.Past) || doc.Index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 2, CueClass.Past);
        if (pastCue)
        {
            status = EventStatus.Past;
        }

        if (doc.Index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 4, CueClass.Again) || doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 2, CueClass.Again))
        {
            mention.Again = true;
        }

        if (mention.Date is { } date)
        {
            var calendar = doc.Index.Calendar;
            if (calendar.IsBackground(date, status))
            {
                status = EventStatus.Past;
            }
            else if (calendar.IsFuture(date) && status == EventStatus.Reported)
            {
                status = EventStatus.Planned;
            }
            else if (status == EventStatus.Past && mention.Pluperfect && !pastCue && calendar.IsWithinDaysBefore(date, NewsWindowDays))
            {
                // "La veille, X s'était entretenu avec Y", "Mardi, X avait reçu Y": the plus-que-parfait places the meeting
                // before the narrated event, but a date a few days before publication makes it part of the news sequence,
                // not background.
                status = EventStatus.Reported;
            }
            else if (status == EventStatus.Reported && mention.SimplePresent && !mention.Hedged && date.Weekday is { } weekday && date.Day is null
                && date.Direction == DateDirection.None && !date.IsToday && calendar.Publication is { } p && weekday != ((int)p.DayOfWeek == 0 ? 7 : (int)p.DayOfWeek))
            {
                // "Le sommet s'ouvre mardi", "Macron reçoit jeudi X" written on another day: a schedule. A past day takes
                // the passé composé in French news ("a reçu mardi").
                status = EventStatus.Planned;
            }
        }

        // "Le Kremlin a démenti qu'une rencontre ... soit en préparation": a denial governing the clause.
        if (doc.Status.GovernedByDenial(mention))
        {
            mention.Dropped ??= "denied";
        }

        return status;
    }

    private string? WhyDropped(MentionReading doc, MeetingMention mention)
    {
        var view = doc.Index.View;
        if (doc.Status.IsNegated(mention))
        {
            return "negated";
        }

        if (doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, CueWindow, CueClass.Cancel) || doc.Index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 6, CueClass.Cancel))
        {
            return "cancelled or denied";
        }

        // "La visite du président X en Angola, où il devait ..., a été reportée": the main verb comes after a relative clause.
        if (!mention.Trigger.IsVerb && doc.Status.IsSubjectNoun(mention))
        {
            var sentence = view.Sentences[mention.Sentence];
            if (doc.Index.HasCue(mention.TriggerEnd, Math.Min(sentence.EndToken, mention.TriggerEnd + 25), CueClass.Cancel))
            {
                return "cancelled or denied";
            }
        }

        var lemma = mention.Trigger.Lemma;
        if (lemma.StartsWith("entretien", StringComparison.Ordinal) && mention.Subtype != MeetingSubtype.PhoneCall
            && (doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 4, CueClass.Interview) || doc.Index.HasCueAfter(mention.TriggerStart, mention.ClauseEnd, 4, CueClass.Interview)
                || mention.Parties.Keys.Any(e => doc.Index.Entities[e].Kind is "media" or "news_agency")))
        {
            return "press interview";
        }

        var flags = mention.Trigger.NounFlags;
        if (!mention.Trigger.IsVerb && flags.HasFlag(NounFlags.Count) && flags.HasFlag(NounFlags.Plural)
            && (doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, 3, CueClass.Vague) || doc.Index.NumberBefore(mention.TriggerStart)
                || doc.Index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 4, CueClass.Vague)))
        {
            return "a count of meetings";
        }

        if (doc.Index.HasCueBefore(mention.TriggerStart, mention.ClauseStart, CueWindow, CueClass.Vague) && !mention.Trigger.IsVerb && flags.HasFlag(NounFlags.Plural))
        {
            return "a count of meetings";
        }

        var visit = mention.Trigger.Frame == VerbFrame.Visit && mention.Trigger.IsVerb || flags.HasFlag(NounFlags.Visit);
        if (visit && mention.Parties.Count <= 1 && doc.Index.HasCueAfter(mention.TriggerEnd, mention.ClauseEnd, 6, CueClass.Field))
        {
            return "a field visit";
        }

        _ = view;
        return null;
    }
}
