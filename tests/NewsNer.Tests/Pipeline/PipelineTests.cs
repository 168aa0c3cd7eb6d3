namespace NewsNer.Tests.Pipeline;

public class PipelineTests
{
    [Fact]
    public void Process_null_throws() =>
        Assert.Throws<ArgumentNullException>(() => NewsPipeline.CreateDefault().Process(null!));

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public void Process_empty_or_whitespace_gives_empty_document(string text)
    {
        var doc = NewsPipeline.CreateDefault().Process(text);
        Assert.True(doc.IsEmpty);
        Assert.Empty(doc.Sentences);
        Assert.Same(text, doc.Text);
    }

    [Fact]
    public void Batch_keeps_order_and_turns_failures_into_error_results()
    {
        var inputs = Enumerable.Range(0, 50)
            .Select(i => new DocumentInput(i == 7 ? null : $"Texte numéro {i}.", Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var results = NewsPipeline.CreateDefault().ProcessMany(inputs, BatchOptions.AllCores).ToList();
        Assert.Equal(50, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(i, results[i].Index);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), results[i].Id);
            Assert.Equal(i != 7, results[i].Succeeded);
        }
    }
}
