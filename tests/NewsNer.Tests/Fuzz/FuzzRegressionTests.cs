using NewsNer.Cli.Extraction;
using NewsNer.Fuzz;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json;

namespace NewsNer.Tests.Fuzz;

/// <summary>
/// The fuzz targets (tests/NewsNer.Fuzz) over every committed seed and finding: a finding of tools/fuzz.sh, copied to
/// tests/NewsNer.Fuzz/Findings/FOLDER/, is a regression test from then on. Targets throw on a crash or a broken invariant.
/// </summary>
public class FuzzRegressionTests
{
    /// <summary>Each target's input folder under Seeds/ and Findings/ (as in tools/fuzz.sh).</summary>
    private static readonly Dictionary<string, string> s_folders = new(StringComparer.Ordinal)
    {
        ["tokenizer"] = "text", ["sentences"] = "text", ["pipeline"] = "text", ["html"] = "html", ["json"] = "json",
    };

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var fuzz = Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz");
        foreach (var (target, folder) in s_folders)
        {
            foreach (var kind in new[] { "Seeds", "Findings" })
            {
                var path = Path.Combine(fuzz, kind, folder);
                if (!Directory.Exists(path))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(fuzz, file).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_target_has_a_folder_and_seeds()
    {
        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), s_folders.Keys.Order(StringComparer.Ordinal));
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "fuzz.sh"));
        foreach (var (target, folder) in s_folders)
        {
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Seeds", folder)));
            Assert.Contains($"[{target}]={folder}", script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Seeds_and_findings_pass_their_target(string target, string file) =>
        FuzzTargets.All[target](File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", file)));

    [Fact]
    public void An_integer_beyond_64_bits_is_a_json_error_not_an_invalid_cast()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Findings", "json", "big-integer.json"));
        var error = Assert.ThrowsAny<JsonException>(() => NewsJson.Deserialize(json));
        Assert.Contains("integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mention_that_cuts_a_surrogate_pair_is_a_json_error()
    {
        // Found by the json target in CI: a mention starting on the low half of an emoji quoted a lone surrogate, which
        // other JSON readers turn into U+FFFD while the text keeps the pair.
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Findings", "json", "mention-cuts-surrogate-pair.json"));
        var error = Assert.ThrowsAny<JsonException>(() => NewsJson.Deserialize(json));
        Assert.Contains("[41, 50) that cuts a character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confidence_beyond_64_bits_reads_as_a_number()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Findings", "json", "big-confidence.json"));
        Assert.True(float.IsPositiveInfinity(NewsJson.Deserialize(json).Entities[0].Confidence));
    }

    [Fact]
    public void A_page_whose_html_element_is_aria_hidden_keeps_its_article()
    {
        var html = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Findings", "html", "hidden-html.html"));
        var article = HtmlArticle.Parse(html);
        Assert.Equal("Titre\n\nLe ministre a parlé à Paris.", article.Text);
    }

    [Fact]
    public void A_page_declaring_a_charset_dotnet_refuses_is_read_with_the_fallback()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "NewsNer.Fuzz", "Findings", "html", "charset-utf-7.html"));
        var article = HtmlArticle.Parse(HtmlArticle.Decode(bytes, Cli.CliContext.StrictUtf8));
        Assert.Equal("Titre\n\nLe ministre a parlé à Paris.", article.Text);
    }

    [Fact]
    public void Fuzz_input_is_utf16_after_a_byte_order_mark_else_utf8()
    {
        Assert.Equal("\uD800A", FuzzInput.ToText([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00, 0x42]));
        Assert.Equal("A\uFFFD", FuzzInput.ToText([0x41, 0xC3]));
    }
}
