namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// <c>events</c>: one row per meeting event (<c>v1</c>, <c>v2</c>… as in the JSON). The location, trigger, date and PLOVER
/// coding are flat columns; places, topics, delegation, evidence and CAMEO codes are lists.
/// </summary>
internal sealed class EventsTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly StringColumn _eventId = new("event_id", nullable: false);
    private readonly StringColumn _type = new("type", nullable: false);
    private readonly StringColumn _subtype = new("subtype", nullable: false);
    private readonly StringColumn _status = new("status", nullable: false);
    private readonly FloatColumn _confidence = new("confidence");
    private readonly StringColumn _triggerText = new("trigger_text");
    private readonly Int32Column _triggerStart = new("trigger_start", nullable: true);
    private readonly Int32Column _triggerEnd = new("trigger_end", nullable: true);
    private readonly StringColumn _locationText = new("location_text");
    private readonly Int32Column _locationStart = new("location_start", nullable: true);
    private readonly Int32Column _locationEnd = new("location_end", nullable: true);
    private readonly StringColumn _locationEntityId = new("location_entity_id");
    private readonly StringColumn _dateText = new("date_text");
    private readonly Int32Column _dateStart = new("date_start", nullable: true);
    private readonly Int32Column _dateEnd = new("date_end", nullable: true);
    private readonly StringColumn _dateValue = new("date_value");
    private readonly StringListColumn _places = new("places");
    private readonly StringListColumn _topics = new("topics");
    private readonly StringListColumn _delegation = new("delegation");
    private readonly Int32ListColumn _evidenceStart = new("evidence_start");
    private readonly Int32ListColumn _evidenceEnd = new("evidence_end");
    private readonly StringListColumn _cameoCodes = new("cameo_codes");
    private readonly StringListColumn _cameo = new("cameo");
    private readonly StringColumn _ploverCategory = new("plover_category");
    private readonly StringColumn _ploverMode = new("plover_mode");
    private readonly StringColumn _ploverActorEntityId = new("plover_actor_entity_id");
    private readonly StringColumn _ploverRecipientEntityId = new("plover_recipient_entity_id");
    private readonly StringColumn _ploverActor = new("plover_actor");
    private readonly StringColumn _ploverRecipient = new("plover_recipient");

    public EventsTable()
        : base("events")
    {
        Columns =
        [
            _documentId, _eventId, _type, _subtype, _status, _confidence,
            _triggerText, _triggerStart, _triggerEnd,
            _locationText, _locationStart, _locationEnd, _locationEntityId,
            _dateText, _dateStart, _dateEnd, _dateValue,
            _places, _topics, _delegation, _evidenceStart, _evidenceEnd, _cameoCodes, _cameo,
            _ploverCategory, _ploverMode, _ploverActorEntityId, _ploverRecipientEntityId, _ploverActor, _ploverRecipient,
        ];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        foreach (var meeting in document.Events)
        {
            _documentId.Add(documentId);
            _eventId.Add(meeting.Id);
            _type.Add(meeting.Type);
            _subtype.Add(Names.Subtype(meeting.Subtype));
            _status.Add(Names.Status(meeting.Status));
            _confidence.Add(meeting.Confidence);
            _triggerText.Add(meeting.Trigger?.Text);
            _triggerStart.Add(meeting.Trigger?.Start);
            _triggerEnd.Add(meeting.Trigger?.End);
            _locationText.Add(meeting.Location?.Text);
            _locationStart.Add(meeting.Location?.Start);
            _locationEnd.Add(meeting.Location?.End);
            _locationEntityId.Add(meeting.Location?.EntityId);
            _dateText.Add(meeting.Date?.Text);
            _dateStart.Add(meeting.Date?.Start);
            _dateEnd.Add(meeting.Date?.End);
            _dateValue.Add(meeting.Date?.Value);
            _places.Add(meeting.Places.Select(p => p.Text));
            _topics.Add(meeting.Topics.Select(p => p.Text));
            _delegation.Add(meeting.Delegation);
            _evidenceStart.Add(meeting.Evidence.Select(s => s.Start));
            _evidenceEnd.Add(meeting.Evidence.Select(s => s.End));
            _cameoCodes.Add(meeting.Cameo.Select(c => c.Code));
            _cameo.Add(meeting.Cameo.Select(c => $"{c.Code} {c.SourceActor ?? c.SourceEntityId}>{c.TargetActor ?? c.TargetEntityId}"));
            _ploverCategory.Add(meeting.Plover?.Category);
            _ploverMode.Add(meeting.Plover?.Mode);
            _ploverActorEntityId.Add(meeting.Plover?.ActorEntityId);
            _ploverRecipientEntityId.Add(meeting.Plover?.RecipientEntityId);
            _ploverActor.Add(meeting.Plover?.Actor);
            _ploverRecipient.Add(meeting.Plover?.Recipient);
        }
    }
}

/// <summary><c>event_participants</c>: one row per participant of an event, in the event's order.</summary>
internal sealed class EventParticipantsTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly StringColumn _eventId = new("event_id", nullable: false);
    private readonly Int32Column _participantIndex = new("participant_index");
    private readonly StringColumn _entityId = new("entity_id", nullable: false);
    private readonly StringColumn _role = new("role", nullable: false);

    public EventParticipantsTable()
        : base("event_participants")
    {
        Columns = [_documentId, _eventId, _participantIndex, _entityId, _role];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        foreach (var meeting in document.Events)
        {
            for (var i = 0; i < meeting.Participants.Length; i++)
            {
                _documentId.Add(documentId);
                _eventId.Add(meeting.Id);
                _participantIndex.Add(i);
                _entityId.Add(meeting.Participants[i].EntityId);
                _role.Add(Names.Role(meeting.Participants[i].Role));
            }
        }
    }
}
