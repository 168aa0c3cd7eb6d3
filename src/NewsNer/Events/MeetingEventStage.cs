using NewsNer.Entities.Linking;
using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Reading;
using NewsNer.Events.Rules;
using NewsNer.Internal;
using NewsNer.Pipeline;

namespace NewsNer.Events;

/// <summary>Pipeline stage that extracts diplomatic-meeting events from the linked entities (<see cref="MeetingExtractor"/>).</summary>
internal sealed class MeetingEventStage(MeetingExtractor extractor, Decisions.EventModel? model = null) : IPipelineStage
{
    public string Name => "events";

    public Annotations Requires => Annotations.Entities | Annotations.Linking;

    public Annotations Produces => Annotations.Events;

    public void Run(AnnotationState state, CancellationToken cancellationToken)
    {
        var linking = state.Linking ?? throw new InvalidOperationException(ErrorMessages.StageRequires(Name, Annotations.Linking));
        state.Events.Clear();
        state.Events.AddRange(Extract(extractor, linking, state.Options.PublicationDate, model, cancellationToken));
    }

    /// <summary>Mentions, then events, for one linked document.</summary>
    internal static List<MeetingEvent> Extract(MeetingExtractor extractor, LinkingResult linking, DateOnly? publication, EventModel? model = null, CancellationToken cancellationToken = default)
    {
        if (linking.Entities.Count == 0 || !extractor.MayStateMeetings(linking.View))
        {
            return [];
        }

        var reading = extractor.Read(new EventDocumentIndex(linking, publication), cancellationToken);
        return model is null
            ? MeetingMerger.Merge(reading, extractor.Lexicons, cancellationToken)
            : LearnedMeetingAssembler.Assemble(reading, model, extractor.Lexicons, cancellationToken);
    }
}
