using System.IO.Compression;
using System.Text;
using NewsNer.Internal;

namespace NewsNer.Events.Decisions;

/// <summary>
/// The learned decisions of the event layer, one <see cref="DecisionModel"/> each: whether a mention states a meeting,
/// its status, each candidate's role, whether two mentions are one encounter, which place and which date belong to a
/// meeting. A decision without a model is taken by the rules (where they beat the learned models on held-out folds).
/// Trained by <c>NewsNer.Training</c> on <c>events-train</c>; the shipped one is embedded
/// (<c>Resources/models/events-fr.nev</c>) and read once. Immutable and thread-safe.
/// </summary>
internal sealed record EventModel
{
    /// <summary>Version of the feature templates and of the file layout; a model of another version is refused.</summary>
    public const int FeatureVersion = 3;

    /// <summary>The embedded model's resource path.</summary>
    public const string ResourcePath = "models/events-fr.nev";

    private static readonly byte[] s_magic = "NNEV"u8.ToArray();

    private static readonly Lazy<EventModel> s_default = new(() =>
    {
        using var stream = EmbeddedResources.Open(ResourcePath);
        return Read(stream);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The embedded model, read on first use.</summary>
    public static EventModel Default => s_default.Value;

    /// <summary>Whether a mention states a meeting (2 classes).</summary>
    public DecisionModel? Meeting { get; init; }

    /// <summary>A mention's status: reported, planned, past (the order of <see cref="EventStatus"/>).</summary>
    public DecisionModel? Status { get; init; }

    /// <summary>Whether a candidate takes part in the mention's meeting (2 classes).</summary>
    public DecisionModel? Party { get; init; }

    /// <summary>A party's role: host, guest, participant (<see cref="RoleClass"/> minus one).</summary>
    public DecisionModel? Role { get; init; }

    /// <summary>Whether two mentions state the same encounter (2 classes).</summary>
    public DecisionModel? SameEncounter { get; init; }

    /// <summary>Whether a place is the meeting's (2 classes).</summary>
    public DecisionModel? Place { get; init; }

    /// <summary>Whether a date expression is the meeting's (2 classes).</summary>
    public DecisionModel? Date { get; init; }

    /// <summary>Whether a mention with three parties or more states one encounter of one party with each of the others (2 classes).</summary>
    public DecisionModel? Split { get; init; }

    /// <summary>Whether a party of an encounter is its host (2 classes).</summary>
    public DecisionModel? Host { get; init; }

    /// <summary>An encounter's status from its mentions: reported, planned, past.</summary>
    public DecisionModel? MeetingStatus { get; init; }

    /// <summary>Maps an event's raw meeting probability to the probability the event is right (null: the raw one).</summary>
    public ConfidenceCalibration? Calibration { get; init; }

    /// <summary>The probability a mention needs to state a meeting.</summary>
    public float MeetingThreshold { get; init; } = 0.5f;

    /// <summary>The probability of "not a party" below which a candidate takes part.</summary>
    public float RoleThreshold { get; init; } = 0.5f;

    /// <summary>The probability two mentions need to merge.</summary>
    public float SameEncounterThreshold { get; init; } = 0.5f;

    /// <summary>The probability a place or date needs to be given.</summary>
    public float ArgumentThreshold { get; init; } = 0.3f;

    /// <summary>The share of a party's role probability that must be "host" for it to be the host.</summary>
    public float HostThreshold { get; init; } = 0.3f;

    /// <summary>The probability a mention of three parties or more needs to be split into one encounter per party met.</summary>
    public float SplitThreshold { get; init; } = 0.5f;

    /// <summary>This model with other thresholds (tuning by cross-validation).</summary>
    public EventModel WithThresholds(float meeting, float role, float sameEncounter, float argument, float host, float split) => this with
    {
        MeetingThreshold = meeting,
        RoleThreshold = role,
        SameEncounterThreshold = sameEncounter,
        ArgumentThreshold = argument,
        HostThreshold = host,
        SplitThreshold = split,
    };

    /// <summary>A note on how the model was trained (data, learners, seed), for the model card.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Writes the model (gzip).</summary>
    public void Write(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(s_magic);
        writer.Write(FeatureVersion);
        writer.Write(FeatureVector.Bits);
        writer.Write(Description);
        writer.Write(MeetingThreshold);
        writer.Write(RoleThreshold);
        writer.Write(SameEncounterThreshold);
        writer.Write(ArgumentThreshold);
        writer.Write(HostThreshold);
        writer.Write(SplitThreshold);
        foreach (var model in new[] { Meeting, Status, Party, Role, SameEncounter, Place, Date, Split, Host, MeetingStatus })
        {
            writer.Write(model is not null);
            model?.Write(writer);
        }

        writer.Write(Calibration is not null);
        Calibration?.Write(writer);
    }

    /// <summary>Reads a model written by <see cref="Write"/> (gzip).</summary>
    /// <exception cref="InvalidDataException">Not an event model, or one trained with other feature templates.</exception>
    public static EventModel Read(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(s_magic.Length).AsSpan().SequenceEqual(s_magic))
            {
                throw new InvalidDataException(ErrorMessages.NotAnEventModel);
            }

            var version = reader.ReadInt32();
            var bits = reader.ReadInt32();
            if (version != FeatureVersion || bits != FeatureVector.Bits)
            {
                throw new InvalidDataException(ErrorMessages.EventModelVersion(version, FeatureVersion));
            }

            var description = reader.ReadString();
            var meetingThreshold = reader.ReadSingle();
            var roleThreshold = reader.ReadSingle();
            var sameThreshold = reader.ReadSingle();
            var argumentThreshold = reader.ReadSingle();
            var hostThreshold = reader.ReadSingle();
            var splitThreshold = reader.ReadSingle();
            var models = new DecisionModel?[10];
            for (var i = 0; i < models.Length; i++)
            {
                models[i] = reader.ReadBoolean() ? DecisionModel.Read(reader) : null;
            }

            var calibration = reader.ReadBoolean() ? ConfidenceCalibration.Read(reader) : null;

            return new EventModel
            {
                Description = description,
                MeetingThreshold = meetingThreshold,
                RoleThreshold = roleThreshold,
                SameEncounterThreshold = sameThreshold,
                ArgumentThreshold = argumentThreshold,
                HostThreshold = hostThreshold,
                SplitThreshold = splitThreshold,
                Meeting = Expect(models[0], 2),
                Status = Expect(models[1], 3),
                Party = Expect(models[2], 2),
                Role = Expect(models[3], RoleClass.Count - 1),
                SameEncounter = Expect(models[4], 2),
                Place = Expect(models[5], 2),
                Date = Expect(models[6], 2),
                Split = Expect(models[7], 2),
                Host = Expect(models[8], 2),
                MeetingStatus = Expect(models[9], 3),
                Calibration = calibration,
            };
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException(ErrorMessages.NotAnEventModel, error);
        }
    }

    private static DecisionModel? Expect(DecisionModel? model, int classes) =>
        model is null || model.Classes == classes ? model : throw new InvalidDataException(ErrorMessages.NotAnEventModel);
}

/// <summary>The classes of a candidate's role: none, or the role decision's classes (host, guest, participant) shifted by one.</summary>
internal static class RoleClass
{
    public const int None = 0;
    public const int Host = 1;
    public const int Guest = 2;
    public const int Participant = 3;
    public const int Count = 4;

    public static int Of(ParticipantRole role) => role switch
    {
        ParticipantRole.Host => Host,
        ParticipantRole.Guest => Guest,
        _ => Participant,
    };

    public static ParticipantRole ToRole(int c) => c switch
    {
        Host => ParticipantRole.Host,
        Guest => ParticipantRole.Guest,
        _ => ParticipantRole.Participant,
    };
}
