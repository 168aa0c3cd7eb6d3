using System.Collections.Immutable;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Tests.Events;

/// <summary>CAMEO and PLOVER codes of meetings, from participants and roles.</summary>
public class MeetingCoderTests
{
    private static readonly List<Entity> s_entities =
    [
        Person("e1", "RUSGOV"),
        Person("e2", "SYRGOV"),
        Person("e3", "TURGOV"),
        Person("e4", null),
        new Entity { Id = "e5", Type = EntityType.Organization, Canonical = "BRICS", Mentions = [] },
    ];

    private static Entity Person(string id, string? actor) => new() { Id = id, Type = EntityType.Person, Canonical = id, Mentions = [], ActorCode = actor };

    private static MeetingEvent Meeting(MeetingSubtype subtype, EventStatus status, params (string Id, ParticipantRole Role)[] parties) => new()
    {
        Id = "v1",
        Subtype = subtype,
        Status = status,
        Participants = [.. parties.Select(p => new EventParticipant(p.Id, p.Role))],
        Evidence = [],
        Confidence = 1,
    };

    private static (ImmutableArray<CameoCode> Cameo, PloverCode Plover) Code(MeetingEvent meeting, string? visited = null) =>
        MeetingCoder.Code(meeting, s_entities, visited, FrenchLexicons.Default);

    private static string[] Codes(ImmutableArray<CameoCode> cameo) => [.. cameo.Select(c => $"{c.Code} {c.SourceActor ?? "-"}>{c.TargetActor ?? "-"}")];

    [Fact]
    public void A_hosted_visit_is_the_reciprocal_pair_042_043()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.HostVisit, EventStatus.Reported, ("e1", ParticipantRole.Host), ("e2", ParticipantRole.Guest)));
        Assert.Equal(["042 SYRGOV>RUSGOV", "043 RUSGOV>SYRGOV"], Codes(cameo));
        Assert.Equal(new PloverCode("CONSULT", "visit", "e2", "e1", "SYRGOV", "RUSGOV"), plover);
    }

    [Fact]
    public void A_visit_without_a_named_host_targets_the_visited_country()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.MakeVisit, EventStatus.Reported, ("e2", ParticipantRole.Guest)), visited: "RU");
        Assert.Equal(["042 SYRGOV>RUS"], Codes(cameo));
        Assert.Equal("RUS", plover.Recipient);
    }

    [Fact]
    public void A_phone_call_is_041_both_ways()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.PhoneCall, EventStatus.Reported, ("e1", ParticipantRole.Participant), ("e3", ParticipantRole.Participant)));
        Assert.Equal(["041 RUSGOV>TURGOV", "041 TURGOV>RUSGOV"], Codes(cameo));
        Assert.Equal(("CONSULT", "phone"), (plover.Category, plover.Mode));
    }

    [Fact]
    public void A_meeting_at_a_third_location_is_044()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.ThirdLocation, EventStatus.Reported, ("e1", ParticipantRole.Participant), ("e3", ParticipantRole.Participant)));
        Assert.All(cameo, c => Assert.Equal("044", c.Code));
        Assert.Equal("third-party", plover.Mode);
    }

    [Fact]
    public void A_plain_meeting_is_040_without_mode()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.Meet, EventStatus.Reported, ("e1", ParticipantRole.Participant), ("e4", ParticipantRole.Participant)));
        Assert.Equal(["040 RUSGOV>-", "040 ->RUSGOV"], Codes(cameo));
        Assert.Null(plover.Mode);
    }

    [Fact]
    public void A_negotiation_with_a_mediator_is_046_between_parties_and_045_from_the_mediator()
    {
        var (cameo, plover) = Code(Meeting(
            MeetingSubtype.Negotiation, EventStatus.Reported, ("e1", ParticipantRole.Participant), ("e2", ParticipantRole.Participant), ("e3", ParticipantRole.Mediator)));
        Assert.Equal(["046 RUSGOV>SYRGOV", "046 SYRGOV>RUSGOV", "045 TURGOV>RUSGOV", "045 TURGOV>SYRGOV"], Codes(cameo));
        Assert.Equal("third-party", plover.Mode);
    }

    [Fact]
    public void A_summit_is_multilateral_and_each_party_consults_the_gathering()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.Summit, EventStatus.Reported, ("e5", ParticipantRole.Participant), ("e1", ParticipantRole.Participant)));
        Assert.Equal(["040 RUSGOV>-"], Codes(cameo));
        Assert.Equal("e5", cameo[0].TargetEntityId);
        Assert.Equal("multilateral", plover.Mode);
    }

    [Fact]
    public void A_meeting_of_three_parties_is_multilateral()
    {
        var (_, plover) = Code(Meeting(MeetingSubtype.Meet, EventStatus.Reported, ("e1", ParticipantRole.Participant), ("e2", ParticipantRole.Participant), ("e3", ParticipantRole.Participant)));
        Assert.Equal("multilateral", plover.Mode);
    }

    [Fact]
    public void A_planned_meeting_is_036_and_plover_agree()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.HostVisit, EventStatus.Planned, ("e1", ParticipantRole.Host), ("e2", ParticipantRole.Guest)));
        Assert.Equal(["036 SYRGOV>RUSGOV"], Codes(cameo));
        Assert.Equal("AGREE", plover.Category);
    }

    [Fact]
    public void A_past_visit_keeps_its_consult_codes()
    {
        var (cameo, plover) = Code(Meeting(MeetingSubtype.HostVisit, EventStatus.Past, ("e1", ParticipantRole.Host), ("e2", ParticipantRole.Guest)));
        Assert.Equal(["042 SYRGOV>RUSGOV", "043 RUSGOV>SYRGOV"], Codes(cameo));
        Assert.Equal("CONSULT", plover.Category);
    }
}
