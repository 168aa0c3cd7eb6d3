using NewsNer.Benchmarks.Scaling;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Benchmarks;

/// <summary>The scaling benchmark's input shapes (never its timings): each has the size asked, the same text every time, and the shape it names.</summary>
public class ScalingShapesTests
{
    public static TheoryData<string> Shapes() => [.. ScalingShapes.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_has_about_the_size_asked_and_is_reproducible(string name)
    {
        var shape = ScalingShapes.Get(name);
        foreach (var chars in new[] { 10_000, 40_000 })
        {
            var text = shape.Generate(chars);
            Assert.InRange(text.Length, chars * 9 / 10, chars + 4_000);
            Assert.Equal(text, shape.Generate(chars));
        }
    }

    [Fact]
    public void The_shapes_are_what_they_say()
    {
        Assert.Equal(1, FrenchTokenizer.Default.CountTokens(ScalingShapes.Get("giant-token").Generate(50_000)));
        Assert.DoesNotContain(' ', ScalingShapes.Get("no-whitespace").Generate(10_000));
        Assert.DoesNotContain('.', ScalingShapes.Get("run-on").Generate(10_000));
        Assert.Equal(1, ScalingShapes.Get("clauses").Generate(10_000).Count(c => c == '.'));
        Assert.Throws<ArgumentException>(() => ScalingShapes.Get("no-such-shape"));
    }

    [Fact]
    public void The_gate_options_parse_and_check_only_measured_stages()
    {
        var options = ScalingOptions.Parse(["--shapes", "clauses,article", "--stages", "tokenizer,linking,pipeline", "--check", "tokenizer", "--chars", "5000"]);
        Assert.Equal(["clauses", "article"], options.Shapes.Select(s => s.Name));
        Assert.Equal(["tokenizer", "linking", "pipeline"], options.Stages);
        Assert.Equal(["tokenizer"], options.Checked);
        Assert.Equal(5000, options.Chars);
        Assert.Throws<ArgumentException>(() => ScalingOptions.Parse(["--stages", "ner"]));
    }
}
