using NewsNer.Entities.Linking;
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
        state.Events.AddRange(Extract(extractor, linking, state.Options.PublicationDate, model));
    }

    /// <summary>Mentions, then events, for one linked document.</summary>
    internal static List<Events.MeetingEvent> Extract(MeetingExtractor extractor, LinkingResult linking, DateOnly? publication, Decisions.EventModel? model = null)
    {
        if (linking.Entities.Count == 0 || !extractor.MayStateMeetings(linking.View))
        {
            return [];
        }

        var mentions = extractor.FindMentions(linking, publication, out var context);
        context.AllMentions = mentions;
        return model is null
            ? MeetingMerger.Merge(context, mentions, publication, extractor.Lexicons)
            : Decisions.LearnedMeetingAssembler.Assemble(context, mentions, model, publication, extractor.Lexicons);
    }
}
