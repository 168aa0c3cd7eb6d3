using System.IO.Pipelines;
using System.Text;

namespace NewsNer.Server.Http;

/// <summary>
/// A <see cref="TextWriter"/> that encodes UTF-8 straight into a response's <see cref="PipeWriter"/>, so that
/// <see cref="NewsNer.Serialization.NewsJson"/> writes a document to the wire without an intermediate string. Writes
/// are synchronous and only buffer; the caller sends with <see cref="PipeWriter.FlushAsync"/>. Not thread-safe.
/// </summary>
internal sealed class PipeTextWriter(PipeWriter pipe) : TextWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (true)
        {
            // A surrogate pair split across two calls stays in the encoder until its second half comes.
            var span = pipe.GetSpan(Math.Min(Encoding.UTF8.GetMaxByteCount(buffer.Length), 16 * 1024) + 4);
            _encoder.Convert(buffer, span, flush: false, out var charsUsed, out var bytesUsed, out var completed);
            pipe.Advance(bytesUsed);
            BytesWritten += bytesUsed;
            buffer = buffer[charsUsed..];
            if (completed && buffer.IsEmpty)
            {
                return;
            }
        }
    }

    public override void Flush()
    {
        // Sending is asynchronous (PipeWriter.FlushAsync); a lone high surrogate left at the very end is written as U+FFFD.
    }

    /// <summary>Writes what the encoder still holds (a lone high surrogate at the end of the output).</summary>
    public void Complete()
    {
        var span = pipe.GetSpan(8);
        _encoder.Convert([], span, flush: true, out _, out var bytesUsed, out _);
        pipe.Advance(bytesUsed);
        BytesWritten += bytesUsed;
    }
}
