namespace NewsNer.Training;

/// <summary>Training entry points arrive with issue 3.</summary>
internal static class Placeholder
{
}
