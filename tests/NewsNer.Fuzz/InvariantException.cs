namespace NewsNer.Fuzz;

/// <summary>A broken invariant: the fuzzer reports it as a crash, the regression tests as a failure.</summary>
public sealed class InvariantException(string message) : Exception(message);
