using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace NewsNer.Internal;

/// <summary>Reads the language data and models embedded in the assembly (<c>src/NewsNer/Resources</c>).</summary>
internal static class EmbeddedResources
{
    private static readonly Assembly s_assembly = typeof(EmbeddedResources).Assembly;

    /// <summary>Opens a resource by its path under <c>Resources/</c> (<c>fr/elisions.txt</c>); <c>.gz</c> and <c>.br</c> files are decompressed.</summary>
    /// <exception cref="InvalidOperationException">The resource is not in the assembly; the message names the fix.</exception>
    public static Stream Open(string path)
    {
        var name = "NewsNer." + path.Replace('/', '.');
        var stream = s_assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(ErrorMessages.MissingResource(path));
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return new GZipStream(stream, CompressionMode.Decompress);
        }

        if (path.EndsWith(".br", StringComparison.Ordinal))
        {
            return new BrotliStream(stream, CompressionMode.Decompress);
        }

        return stream;
    }

    /// <summary>Whether a resource exists.</summary>
    public static bool Exists(string path) => s_assembly.GetManifestResourceInfo("NewsNer." + path.Replace('/', '.')) is not null;

    /// <summary>
    /// The data lines of a text resource: trimmed, without blank lines and without comments (a line starting with <c>#</c>).
    /// </summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = new StreamReader(Open(path), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            yield return trimmed;
        }
    }
}
