using System.Text;

namespace NewsNer.Cli.Extraction;

/// <summary>
/// Reads a large text file into one string without holding its bytes and its text at once: a first pass over the file
/// counts the characters, a second decodes them straight into a string of that length. A 50 MB UTF-8 file then costs
/// the 100 MB of its string, not 150 MB of bytes and string (nor 200 MB more for a copy without the header). Decoding
/// is strict, with the same rules and messages as <see cref="TextFiles.Read"/>: a byte-order mark wins, bad bytes are an
/// error naming their offset.
/// </summary>
internal static class LargeTextFile
{
    /// <summary>Files larger than this are read in two passes (smaller ones in one, faster).</summary>
    public const long Threshold = 4 << 20;

    private const int ChunkBytes = 1 << 20;

    // The longest string .NET allows.
    private const int MaxChars = 0x3FFF_FFDF;

    // The header (title, source:, date:, blank line) is looked for in the file's first characters.
    private const int HeaderChars = 64 << 10;

    /// <summary>
    /// Reads an article file as <see cref="Article.Parse"/> would parse its whole text: the header lines become metadata
    /// and the text is the title, a blank line, and the body, decoded straight after the title.
    /// </summary>
    public static Article ReadArticle(string path, Encoding encoding)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var (decoding, bom) = Detect(file, encoding);
        var binaryCheck = decoding is not UnicodeEncoding;
        if (binaryCheck)
        {
            // The rules of TextFiles.Decode: binary before any decoding error (never "pass --encoding" for an executable).
            var head = new byte[HeaderChars];
            file.Position = bom;
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (TextFiles.BinaryReason(head.AsSpan(0, read)) is { } reason)
            {
                throw new InvalidDataException(reason);
            }
        }

        var prefix = DecodePrefix(file, bom, decoding);
        if (Article.TryParseHeader(prefix, out var header) && header.BodyStart < prefix.Length)
        {
            var bodyOffset = bom + decoding.GetByteCount(prefix.AsSpan(0, header.BodyStart));
            var title = header.Title is null ? "" : header.Title + header.Newline + header.Newline;
            var bodyChars = CountChars(file, bodyOffset, decoding, binaryCheck ? bom : -1);
            var text = bodyChars == 0 && header.Title is not null ? header.Title : Decode(file, bodyOffset, decoding, title, bodyChars);
            return header.ToArticle(text);
        }

        // No header, or one longer than the characters looked at (then parsed the usual way).
        return Article.Parse(Decode(file, bom, decoding, "", CountChars(file, bom, decoding, binaryCheck ? bom : -1)));
    }

    private static (Encoding Encoding, int Bom) Detect(FileStream file, Encoding encoding)
    {
        Span<byte> head = stackalloc byte[3];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read] switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (CliContext.StrictUtf8, 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            _ => (encoding, 0),
        };
    }

    private static string DecodePrefix(FileStream file, int offset, Encoding encoding)
    {
        var bytes = new byte[HeaderChars];
        file.Position = offset;
        var read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var chars = new char[encoding.GetMaxCharCount(read)];
        var decoder = encoding.GetDecoder();
        var count = Guard(encoding, offset, () => decoder.GetChars(bytes, 0, read, chars, 0, flush: false));
        return new string(chars, 0, count);
    }

    // Counts the characters from `offset`; with `nulOrigin` ≥ 0, a NUL byte makes the file binary (offset from nulOrigin).
    private static long CountChars(FileStream file, long offset, Encoding encoding, long nulOrigin)
    {
        // Decoded into a scratch buffer and thrown away: GetCharCount would not carry a character cut by the chunk's end
        // over to the next chunk (it leaves the decoder's state as it was).
        var decoder = encoding.GetDecoder();
        var buffer = new byte[ChunkBytes];
        var scratch = new char[encoding.GetMaxCharCount(ChunkBytes)];
        file.Position = offset;
        long total = 0;
        while (true)
        {
            var at = file.Position;
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var last = read < buffer.Length;
            if (nulOrigin >= 0 && buffer.AsSpan(0, read).IndexOf((byte)0) is var nul and >= 0)
            {
                throw new InvalidDataException(TextFiles.NulByte(at + nul - nulOrigin));
            }

            total += Guard(encoding, at, () => decoder.GetChars(buffer, 0, read, scratch, 0, flush: last));
            if (last)
            {
                break;
            }
        }

        // A .NET string holds fewer than 2^30 characters.
        return total <= MaxChars - HeaderChars ? total : throw new InvalidDataException($"the file holds {total:N0} characters, more than one text can hold; split it first");
    }

    private static string Decode(FileStream file, long offset, Encoding encoding, string before, long chars) =>
        string.Create(before.Length + (int)chars, (file, offset, encoding, before), static (span, state) =>
        {
            state.before.CopyTo(span);
            var output = span[state.before.Length..];
            var decoder = state.encoding.GetDecoder();
            var buffer = new byte[ChunkBytes];
            state.file.Position = state.offset;
            while (true)
            {
                var read = state.file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var last = read < buffer.Length;
                var written = decoder.GetChars(buffer.AsSpan(0, read), output, flush: last);
                output = output[written..];
                if (last)
                {
                    break;
                }
            }
        });

    private static int Guard(Encoding encoding, long chunkOffset, Func<int> decode)
    {
        try
        {
            return decode();
        }
        catch (DecoderFallbackException error)
        {
            var at = error.Index >= 0 ? $" at byte {chunkOffset + error.Index}" : "";
            var bad = error.BytesUnknown is { Length: > 0 } unknown ? $" (0x{Convert.ToHexString(unknown)})" : "";
            throw new InvalidDataException(
                $"not valid {encoding.WebName}{bad}{at}; if the file is Latin-1 or Windows-1252 text, pass --encoding windows-1252", error);
        }
    }
}
