using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace NewsNer.Server.Http;

/// <summary>One line of a JSON Lines body: its 1-based number and its bytes (without the line break), or the mark that it was too long.</summary>
internal readonly record struct BodyLine(long Number, byte[]? Bytes)
{
    /// <summary>Whether the line was longer than the limit (its bytes were skipped, never held).</summary>
    public bool TooLong => Bytes is null;

    /// <summary>Whether the line holds only spaces, tabs or nothing.</summary>
    public bool IsBlank => Bytes is not null && Bytes.AsSpan().IndexOfAnyExcept(" \t\r"u8) < 0;
}

/// <summary>
/// Splits a request body into lines as it arrives, holding at most one line in memory; a line longer than the limit is
/// skipped up to its line break and reported as too long. Line breaks are <c>\n</c> or <c>\r\n</c>.
/// </summary>
internal static class JsonLinesReader
{
    /// <param name="reader">The body.</param>
    /// <param name="maxLineBytes">The longest line kept.</param>
    /// <param name="maxTotalBytes">The longest body: past it a 413 <see cref="RequestException"/> is thrown.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async IAsyncEnumerable<BodyLine> ReadAsync(PipeReader reader, long maxLineBytes, long maxTotalBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        long consumed = 0;
        var skipping = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                var lineLength = line.Length + 1;
                if (consumed + lineLength > maxTotalBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    throw RequestException.TooLarge(ServerMessages.BatchTooLarge(maxTotalBytes, number));
                }

                buffer = buffer.Slice(buffer.GetPosition(1, end));
                consumed += lineLength;
                number++;
                if (skipping || line.Length > maxLineBytes)
                {
                    skipping = false;
                    yield return new BodyLine(number, null);
                }
                else
                {
                    yield return new BodyLine(number, WithoutCarriageReturn(line));
                }
            }

            // What is left has no line break yet: past the limit, it is dropped as it comes and the line reported at its end.
            if (consumed + buffer.Length > maxTotalBytes)
            {
                reader.AdvanceTo(buffer.End);
                throw RequestException.TooLarge(ServerMessages.BatchTooLarge(maxTotalBytes, number));
            }

            if (buffer.Length > maxLineBytes)
            {
                skipping = true;
            }

            if (skipping)
            {
                consumed += buffer.Length;
                buffer = buffer.Slice(buffer.End);
            }

            if (result.IsCompleted)
            {
                if (skipping)
                {
                    yield return new BodyLine(++number, null);
                }
                else if (buffer.Length > 0)
                {
                    yield return new BodyLine(++number, WithoutCarriageReturn(buffer));
                }

                reader.AdvanceTo(buffer.End);
                yield break;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] WithoutCarriageReturn(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
    }
}
