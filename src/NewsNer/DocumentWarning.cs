namespace NewsNer;

/// <summary>
/// Something the caller should know about a document that is not an error: the text was processed, but not fully
/// (for instance, it is not French, so no entities or events were extracted). Serialized in <c>newsner/1</c> as
/// <c>{"code": …, "message": …}</c> in <c>warnings</c>.
/// </summary>
/// <param name="Code">A stable, machine-readable code in lower snake case (<see cref="NotFrench"/>).</param>
/// <param name="Message">A sentence for people, saying what happened and what to do about it.</param>
public sealed record DocumentWarning(string Code, string Message)
{
    /// <summary>The text is not French (or its caller said so): entities and events were not extracted.</summary>
    public const string NotFrench = "not_french";
}
