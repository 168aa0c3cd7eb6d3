using System.Text;

namespace NewsNer.Cli.Extraction;

/// <summary>Reads text files: a byte-order mark wins; otherwise the chosen encoding, strictly (bad bytes are an error, never a silent U+FFFD).</summary>
internal static class TextFiles
{
    public static string Read(string path, Encoding encoding)
    {
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, encoding);
    }

    public static string Decode(byte[] bytes, Encoding encoding)
    {
        var (bomEncoding, bomLength) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)CliContext.StrictUtf8, 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            _ => (encoding, 0),
        };

        try
        {
            return bomEncoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        }
        catch (DecoderFallbackException error)
        {
            var at = error.Index >= 0 ? $" at byte {error.Index + bomLength}" : "";
            var bad = error.BytesUnknown is { Length: > 0 } unknown ? $" (0x{Convert.ToHexString(unknown)})" : "";
            throw new InvalidDataException(
                $"not valid {bomEncoding.WebName}{bad}{at}; if the file is Latin-1 or Windows-1252 text, pass --encoding windows-1252", error);
        }
    }

    /// <summary>The encoding for an <c>--encoding</c> name (<c>utf-8</c>, <c>latin1</c>, <c>windows-1252</c>, any .NET name), strict.</summary>
    public static Encoding Resolve(string name)
    {
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return CliContext.StrictUtf8;
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"unknown encoding '{name}': use utf-8, latin1 or windows-1252");
        }
    }
}
