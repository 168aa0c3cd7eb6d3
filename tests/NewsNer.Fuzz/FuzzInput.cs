using System.Runtime.InteropServices;
using System.Text;

namespace NewsNer.Fuzz;

/// <summary>Turns the fuzzer's bytes into the text a target reads.</summary>
public static class FuzzInput
{
    /// <summary>Inputs above this size are cut: a fuzzer's input is a few kilobytes; bigger ones only slow the search.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Bytes starting with FF FE are UTF-16 LE code units taken as they are, lone surrogates included (what UTF-8 cannot
    /// carry); anything else is UTF-8, invalid bytes becoming U+FFFD.
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> bytes)
    {
        bytes = bytes[..Math.Min(bytes.Length, MaxBytes)];
        if (bytes is [0xFF, 0xFE, ..])
        {
            var units = bytes[2..];
            return new string(MemoryMarshal.Cast<byte, char>(units[..(units.Length & ~1)]));
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
