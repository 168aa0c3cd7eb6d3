using System.Text;

namespace NewsNer.Cli.Extraction;

/// <summary>
/// Reads text files: a binary file is refused as binary; then a byte-order mark wins; otherwise the chosen encoding,
/// strictly (bad bytes are an error, never a silent U+FFFD).
/// </summary>
internal static class TextFiles
{
    /// <summary>The share of control characters (other than tab, line breaks, form feed and escape) above which bytes are binary.</summary>
    private const double MaxControlShare = 0.10;

    /// <summary>How much of the start of a file the control-character share is measured on.</summary>
    private const int SniffLength = 64 * 1024;

    public static string Read(string path, Encoding encoding)
    {
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, encoding);
    }

    /// <exception cref="InvalidDataException">The bytes are binary, or not valid in the encoding.</exception>
    public static string Decode(byte[] bytes, Encoding encoding)
    {
        var (bomEncoding, bomLength) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)CliContext.StrictUtf8, 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            _ => (encoding, 0),
        };

        // UTF-16 text is full of NUL bytes; every other encoding NewsNer reads has none in text.
        if (bomEncoding is not UnicodeEncoding && BinaryReason(bytes.AsSpan(bomLength)) is { } reason)
        {
            throw new InvalidDataException(reason);
        }

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

    /// <summary>
    /// Why bytes are binary rather than text, or null when they may be text: a NUL byte anywhere (text in UTF-8 or an
    /// 8-bit code page never holds one; UTF-16 text needs its byte-order mark), or more than 10 % control characters
    /// other than tab, line feed, vertical tab, form feed, carriage return and escape in the first 64 KB.
    /// </summary>
    public static string? BinaryReason(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            return NulByte(nul);
        }

        var head = bytes[..Math.Min(bytes.Length, SniffLength)];
        var controls = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r' or 0x1B) || b == 0x7F)
            {
                controls++;
            }
        }

        return head.Length > 0 && controls > head.Length * MaxControlShare
            ? $"binary file, not text ({controls} control bytes in the first {head.Length})"
            : null;
    }

    /// <summary>The reason given for a NUL byte at <paramref name="offset"/> (after any byte-order mark).</summary>
    public static string NulByte(long offset) => $"binary file, not text (a NUL byte at offset {offset}; UTF-16 text needs a byte-order mark)";

    /// <summary>The same test on text already decoded (standard input given as text): NUL or too many control characters.</summary>
    public static string? BinaryReason(ReadOnlySpan<char> text)
    {
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            return $"binary data, not text (a NUL character at {nul})";
        }

        var head = text[..Math.Min(text.Length, SniffLength)];
        var controls = 0;
        foreach (var c in head)
        {
            if (c < ' ' && c is not ('\t' or '\n' or '\v' or '\f' or '\r' or '\u001B') || c == '\u007F')
            {
                controls++;
            }
        }

        return head.Length > 0 && controls > head.Length * MaxControlShare
            ? $"binary data, not text ({controls} control characters in the first {head.Length})"
            : null;
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
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: an encoding .NET knows but refuses (UTF-7), found by fuzzing a page declaring it
            // (tests/NewsNer.Fuzz/Findings/html/charset-utf-7.html).
            throw new UsageException($"unknown encoding '{name}': use utf-8, latin1 or windows-1252");
        }
    }
}
