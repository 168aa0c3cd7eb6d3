using System.Collections.Immutable;
using NewsNer.Entities;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events;

/// <summary>
/// Codes a meeting for event analysts. CAMEO (verb codebook 04 "Consult", 03 "Express intent"): 040 consult,
/// 041 discuss by telephone, 042 make a visit (visitor → host), 043 host a visit (host → visitor), 044 meet at a
/// third location, 045 mediate (mediator → each party), 046 engage in negotiation, and 036 express intent to meet
/// for announced meetings. PLOVER (CAMEO2PLOVER 2021): 04x → <c>CONSULT</c> with mode <c>visit</c>, <c>phone</c>,
/// <c>third-party</c> or <c>multilateral</c>; 036 → <c>AGREE</c>. Actor codes come from the entities
/// (<see cref="Entity.ActorCode"/>), or the visited country when the host is not named.
/// </summary>
internal static class MeetingCoder
{
    /// <summary>More parties than this and pairwise codes stop (a summit of 40 leaders is coded against its name).</summary>
    private const int MaxPairwise = 6;

    public static (ImmutableArray<CameoCode> Cameo, PloverCode Plover) Code(MeetingEvent meeting, List<Entity> entities, string? destinationCountry, FrenchLexicons lexicons)
    {
        var byId = entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        string? Actor(string? id) => id is not null && byId.TryGetValue(id, out var entity) ? entity.ActorCode : null;

        var hosts = meeting.Participants.Where(p => p.Role == ParticipantRole.Host).Select(p => p.EntityId).ToList();
        var guests = meeting.Participants.Where(p => p.Role == ParticipantRole.Guest).Select(p => p.EntityId).ToList();
        var principals = meeting.Participants.Where(p => p.Role != ParticipantRole.Mediator).Select(p => p.EntityId).ToList();
        var mediators = meeting.Participants.Where(p => p.Role == ParticipantRole.Mediator).Select(p => p.EntityId).ToList();
        var visitedCountry = destinationCountry is not null && lexicons.CountryCodes.TryGetValue(destinationCountry, out var code) ? code : null;
        var codes = ImmutableArray.CreateBuilder<CameoCode>();
        var planned = meeting.Status == EventStatus.Planned;

        void Add(string cameo, string? source, string? target, string? targetActor = null) =>
            codes.Add(new CameoCode(cameo, source, target, Actor(source), target is null ? targetActor : Actor(target)));

        if (meeting.Subtype is MeetingSubtype.HostVisit or MeetingSubtype.MakeVisit && guests.Count > 0)
        {
            foreach (var guest in guests)
            {
                if (hosts.Count == 0)
                {
                    Add(planned ? "036" : "042", guest, null, visitedCountry);
                    continue;
                }

                foreach (var host in hosts)
                {
                    Add(planned ? "036" : "042", guest, host);
                    if (!planned)
                    {
                        Add("043", host, guest);
                    }
                }
            }
        }
        else if (meeting.Subtype == MeetingSubtype.Summit)
        {
            // Each named party consults the gathering; pairwise codes would explode.
            var organization = principals.FirstOrDefault(p => byId[p].Type == EntityType.Organization);
            foreach (var party in principals.Where(p => p != organization).Take(MaxPairwise * 2))
            {
                Add(planned ? "036" : "040", party, organization);
            }

            if (codes.Count == 0 && organization is not null)
            {
                Add(planned ? "036" : "040", organization, null);
            }
        }
        else if (principals.Count <= MaxPairwise)
        {
            var verb = planned ? "036" : meeting.Subtype switch
            {
                MeetingSubtype.PhoneCall => "041",
                MeetingSubtype.ThirdLocation => "044",
                MeetingSubtype.Negotiation => "046",
                _ => "040",
            };

            // A meeting is mutual: each ordered pair of parties.
            for (var a = 0; a < principals.Count; a++)
            {
                for (var b = 0; b < principals.Count; b++)
                {
                    if (a != b)
                    {
                        Add(verb, principals[a], principals[b]);
                    }
                }
            }
        }

        if (!planned)
        {
            foreach (var mediator in mediators)
            {
                foreach (var party in principals.Take(MaxPairwise))
                {
                    Add("045", mediator, party);
                }
            }
        }

        var (actor, recipient) = meeting.Subtype is MeetingSubtype.HostVisit or MeetingSubtype.MakeVisit && guests.Count > 0
            ? (guests[0], hosts.FirstOrDefault())
            : (principals.FirstOrDefault(), principals.Skip(1).FirstOrDefault());
        var mode = meeting.Subtype switch
        {
            MeetingSubtype.HostVisit or MeetingSubtype.MakeVisit => "visit",
            MeetingSubtype.PhoneCall => "phone",
            MeetingSubtype.ThirdLocation => "third-party",
            MeetingSubtype.Summit => "multilateral",
            MeetingSubtype.Negotiation when mediators.Count > 0 => "third-party",
            _ when principals.Count > 2 => "multilateral",
            _ => null,
        };

        var plover = planned
            ? new PloverCode("AGREE", null, actor, recipient, Actor(actor), recipient is null ? visitedCountry : Actor(recipient))
            : new PloverCode("CONSULT", mode, actor, recipient, Actor(actor), recipient is null ? visitedCountry : Actor(recipient));
        return (codes.ToImmutable(), plover);
    }
}
