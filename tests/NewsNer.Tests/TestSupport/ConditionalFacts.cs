namespace NewsNer.Tests.TestSupport;

/// <summary>
/// A fact that needs the shared data beside the clone (<c>../shared</c>, see <see cref="RepoPaths.Shared"/>): reported
/// as skipped, with the reason, when it is absent, never as passed.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] paths)
    {
        var missing = paths.Select(p => Path.Combine(RepoPaths.Shared, p)).FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            Skip = $"needs the shared data: {missing} is absent (../shared beside the clone)";
        }
    }
}

/// <summary>
/// A fact that needs a folder this process cannot read: possible as any user but root, or as root when
/// <c>setpriv</c> can run the console as <c>nobody</c>. Skipped otherwise (Windows, root without setpriv).
/// </summary>
public sealed class UnreadableFolderFactAttribute : FactAttribute
{
    public UnreadableFolderFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs POSIX permissions";
        }
        else if (Environment.UserName == "root" && UnreadableFolders.SetprivPath is null)
        {
            Skip = "runs as root, which reads every folder, and setpriv (util-linux) is absent to run as nobody";
        }
    }
}

/// <summary>Where <c>setpriv</c> is, for <see cref="UnreadableFolderFactAttribute"/>.</summary>
internal static class UnreadableFolders
{
    public static string? SetprivPath { get; } = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);
}
