namespace NewsNer.Cli.Extraction;

/// <summary>
/// Lists the articles of a folder, recursively, so that every input is accounted for: each article file (by extension)
/// is an entry, and so is each subfolder that cannot be listed (no permission, vanished, I/O error), with the reason,
/// instead of silently shrinking the count. Hidden files and folders are skipped; a folder reached twice through
/// symbolic links is listed once.
/// </summary>
internal static class FolderWalk
{
    private static readonly EnumerationOptions s_options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        MatchType = MatchType.Simple,
    };

    /// <summary>The entries under <paramref name="root"/>, sorted by their source (path relative to the root, <c>/</c>-separated; a folder's ends with <c>/</c>).</summary>
    public static List<FolderEntry> List(string root, IReadOnlyCollection<string> extensions)
    {
        var entries = new List<FolderEntry>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (!visited.Add(RealPath(folder)))
            {
                continue;
            }

            List<string> files, folders;
            try
            {
                files = [.. Directory.EnumerateFiles(folder, "*", s_options)];
                folders = [.. Directory.EnumerateDirectories(folder, "*", s_options)];
            }
            catch (Exception error) when (error is UnauthorizedAccessException or IOException)
            {
                entries.Add(new FolderEntry(Relative(root, folder) + "/", folder, "cannot read folder: " + error.Message));
                continue;
            }

            entries.AddRange(files
                .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Select(f => new FolderEntry(Relative(root, f), f, null)));
            foreach (var sub in folders)
            {
                pending.Push(sub);
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Source, b.Source));
        return entries;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string RealPath(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder);
        }
        catch (IOException)
        {
            return Path.GetFullPath(folder);
        }
    }
}

/// <summary>An article file of a folder, or a subfolder that could not be listed (<see cref="Error"/> set).</summary>
internal sealed record FolderEntry(string Source, string Path, string? Error);
