namespace NewsNer.Tests.TestSupport;

/// <summary>Locations in the clone, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsNer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NewsNer.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The clone's root (the folder of NewsNer.sln).</summary>
    public static string Root => s_root.Value;

    /// <summary>The shared data folder beside the clone (../shared); it may be absent.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The sample article shipped in samples/.</summary>
    public static string SampleArticle => Path.Combine(Root, "samples", "al-chaar-poutine.fr.txt");
}
