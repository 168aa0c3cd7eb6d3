using System.Globalization;

namespace NewsNer.Serialization;

/// <summary>
/// Passes JSON text through unchanged except for escapes of lone surrogates (<c>\uD800</c> not followed by a low
/// surrogate escape, or a low surrogate escape on its own), which it turns into the raw code unit.
/// </summary>
/// <remarks>
/// Newtonsoft's reader replaces an escaped lone surrogate with U+FFFD but keeps a raw one. Documents may hold lone
/// surrogates (offsets index the untouched text), and the writer escapes them because no UTF-8 file can hold them raw;
/// this reader lets them come back identical. Escaped backslashes (<c>\\uD800</c>) are left alone.
/// </remarks>
internal sealed class LoneSurrogateUnescapingReader : TextReader
{
    // Longest sequence inspected at once: a surrogate pair written as two escapes.
    private const int Lookahead = 12;

    private readonly TextReader _inner;
    private readonly bool _leaveOpen;
    private readonly char[] _buffer = new char[8192];
    private readonly char[] _pending = new char[Lookahead];
    private int _position;
    private int _length;
    private int _pendingStart;
    private int _pendingLength;
    private bool _innerDone;

    public LoneSurrogateUnescapingReader(TextReader inner, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public override int Peek()
    {
        if (_pendingLength == 0 && !Step())
        {
            return -1;
        }

        return _pending[_pendingStart];
    }

    public override int Read()
    {
        var peek = Peek();
        if (peek >= 0)
        {
            _pendingStart++;
            _pendingLength--;
        }

        return peek;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            if (_pendingLength > 0)
            {
                var n = Math.Min(_pendingLength, destination.Length - written);
                _pending.AsSpan(_pendingStart, n).CopyTo(destination[written..]);
                _pendingStart += n;
                _pendingLength -= n;
                written += n;
                continue;
            }

            EnsureLookahead();
            if (_position == _length)
            {
                break;
            }

            var available = _buffer.AsSpan(_position, _length - _position);
            var backslash = available.IndexOf('\\');
            if (backslash != 0)
            {
                // Plain text up to the next backslash (or the whole buffer) goes straight through.
                var n = Math.Min(backslash < 0 ? available.Length : backslash, destination.Length - written);
                available[..n].CopyTo(destination[written..]);
                _position += n;
                written += n;
                continue;
            }

            Step();
        }

        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Moves the next unit of input (one char, or one escape sequence) into the pending output.</summary>
    private bool Step()
    {
        EnsureLookahead();
        if (_position == _length)
        {
            return false;
        }

        _pendingStart = 0;
        var input = _buffer.AsSpan(_position, _length - _position);
        if (input[0] != '\\' || input.Length < 2)
        {
            _pending[0] = input[0];
            _pendingLength = 1;
            _position++;
            return true;
        }

        if (input[1] != 'u' || !TryHex(input, 2, out var unit) || !char.IsSurrogate(unit))
        {
            // Any other escape, including an escaped backslash: its two chars pass through together, so the char
            // after an escaped backslash is never read as the start of an escape.
            _pending[0] = input[0];
            _pending[1] = input[1];
            _pendingLength = 2;
            _position += 2;
            return true;
        }

        if (char.IsHighSurrogate(unit) && input.Length >= Lookahead && input[6] == '\\' && input[7] == 'u'
            && TryHex(input, 8, out var low) && char.IsLowSurrogate(low))
        {
            input[..Lookahead].CopyTo(_pending);
            _pendingLength = Lookahead;
            _position += Lookahead;
            return true;
        }

        _pending[0] = unit;
        _pendingLength = 1;
        _position += 6;
        return true;
    }

    private static bool TryHex(ReadOnlySpan<char> input, int start, out char value)
    {
        value = '\0';
        if (input.Length < start + 4 || !ushort.TryParse(input.Slice(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        value = (char)code;
        return true;
    }

    private void EnsureLookahead()
    {
        if (_innerDone || _length - _position >= Lookahead)
        {
            return;
        }

        var remaining = _length - _position;
        Array.Copy(_buffer, _position, _buffer, 0, remaining);
        _position = 0;
        _length = remaining;
        while (_length < Lookahead && !_innerDone)
        {
            var read = _inner.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _innerDone = true;
            }

            _length += read;
        }
    }
}
