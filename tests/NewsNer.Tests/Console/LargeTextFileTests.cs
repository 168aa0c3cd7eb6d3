using System.Text;
using NewsNer.Cli;
using NewsNer.Cli.Extraction;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

/// <summary>
/// Large files are read in two passes straight into one string (<see cref="LargeTextFile"/>); the article they give is
/// exactly what reading the whole file and parsing it gives, whatever the encoding, the header and where characters fall
/// against the chunks read.
/// </summary>
public class LargeTextFileTests
{
    // About 2.5 MB of bytes: characters of two, three and four bytes straddle the 1 MB chunks read.
    private static readonly string s_body = string.Concat(Enumerable.Repeat("Le président élu a reçu à l'Élysée 😀 son homologue — « 北京 ». ", 40_000));

    private static Article ReadBoth(TempFolder temp, byte[] bytes, Encoding? encoding = null)
    {
        var path = temp.Bytes("large.txt", bytes);
        encoding ??= CliContext.StrictUtf8;
        var expected = Article.Parse(TextFiles.Read(path, encoding));
        var actual = LargeTextFile.ReadArticle(path, encoding);
        Assert.Equal(expected, actual);
        return actual;
    }

    [Fact]
    public void A_file_without_header_is_its_text()
    {
        using var temp = new TempFolder();
        var article = ReadBoth(temp, Encoding.UTF8.GetBytes(s_body));
        Assert.Equal(s_body, article.Text);
        Assert.Null(article.Title);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_header_becomes_metadata_and_the_title_joins_the_body(string newline)
    {
        using var temp = new TempFolder();
        var raw = $"Un titre{newline}source: https://exemple.fr/a{newline}date: 2025-10-15{newline}{newline}{s_body}";
        var article = ReadBoth(temp, Encoding.UTF8.GetBytes(raw));
        Assert.Equal("Un titre", article.Title);
        Assert.Equal(new DateOnly(2025, 10, 15), article.Date);
        Assert.Equal($"Un titre{newline}{newline}{s_body}", article.Text);
    }

    [Fact]
    public void A_header_with_an_empty_body_gives_the_title()
    {
        using var temp = new TempFolder();
        ReadBoth(temp, Encoding.UTF8.GetBytes("Un titre\nsource: x\n\n"));
    }

    [Fact]
    public void A_first_line_longer_than_the_prefix_read_is_parsed_the_usual_way()
    {
        using var temp = new TempFolder();
        ReadBoth(temp, Encoding.UTF8.GetBytes(new string('a', 100_000) + "\nsource: x\n\n" + s_body));
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("latin1")]
    public void Byte_order_marks_and_chosen_encodings_are_honoured(string encoding)
    {
        using var temp = new TempFolder();
        var raw = "Un titre\ndate: 2025-10-15\n\n" + s_body.Replace("😀", "", StringComparison.Ordinal).Replace("北京", "Pékin", StringComparison.Ordinal).Replace("—", "-", StringComparison.Ordinal);
        var (bytes, chosen) = encoding switch
        {
            "utf-8-bom" => ([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(raw)], null),
            "utf-16le" => ([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(raw)], null),
            "utf-16be" => ([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(raw)], null),
            _ => (Encoding.Latin1.GetBytes(raw), TextFiles.Resolve("latin1")),
        };
        var article = ReadBoth(temp, bytes, chosen);
        Assert.Equal("Un titre", article.Title);
    }

    [Fact]
    public void An_invalid_byte_is_an_error_naming_its_offset()
    {
        using var temp = new TempFolder();
        var bytes = Encoding.UTF8.GetBytes(s_body);
        var at = (2 << 20) + 17;
        while ((bytes[at] & 0xC0) == 0x80)
        {
            at++;
        }

        bytes[at] = 0xFF;
        var path = temp.Bytes("bad.txt", bytes);
        var error = Assert.Throws<InvalidDataException>(() => LargeTextFile.ReadArticle(path, CliContext.StrictUtf8));
        Assert.Contains($"at byte {at}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding windows-1252", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_is_refused_as_binary_as_in_the_one_pass_reader()
    {
        using var temp = new TempFolder();

        // Random bytes: binary from their start. Text with a NUL byte past the first chunk: binary, at its offset.
        var random = new byte[5 << 20];
        new Random(7).NextBytes(random);
        var text = Encoding.UTF8.GetBytes(s_body + s_body);
        var at = (3 << 20) + 5;
        text[at] = 0;
        foreach (var (name, bytes, reason) in new[] { ("random.bin", random, "binary file, not text"), ("nul.txt", text, $"a NUL byte at offset {at}") })
        {
            var path = temp.Bytes(name, bytes);
            Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => TextFiles.Read(path, CliContext.StrictUtf8)).Message, StringComparison.Ordinal);
            var error = Assert.Throws<InvalidDataException>(() => LargeTextFile.ReadArticle(path, CliContext.StrictUtf8));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("--encoding", error.Message, StringComparison.Ordinal);
        }
    }
}
