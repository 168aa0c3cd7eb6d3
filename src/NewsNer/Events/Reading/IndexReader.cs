using NewsNer.Entities;
using NewsNer.Entities.Linking;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Reading;

/// <summary>A reader of one document's syntax: stateless questions over its <see cref="EventDocumentIndex"/>.</summary>
internal abstract class IndexReader(EventDocumentIndex index)
{
    public EventDocumentIndex Index => index;

    protected LexicalView View => index.View;

    protected FrenchLexicons Lexicons => index.Lexicons;

    protected List<Entity> Entities => index.Entities;

    protected List<Referent> Referents => index.Referents;

    protected int[] ReferentAt => index.ReferentAt;

    protected List<DateExpression> Dates => index.Dates;

    protected int[] DateAt => index.DateAt;

    protected CueClass[] Cue => index.Cue;

    protected byte[] CueLength => index.CueLength;

    protected bool[] Covered => index.Covered;
}
