using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using NewsNer.Benchmarks;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Benchmarks;

/// <summary>
/// The benchmark suite's structure and its inputs (never its timings: speed is measured by BenchmarkDotNet, see
/// docs/performance.md). That this project builds against the suite is the build check.
/// </summary>
public class BenchmarkSuiteTests
{
    private static readonly Type[] s_classes = [.. CiRun.BenchmarkTypes()];

    [Fact]
    public void Every_stage_has_its_benchmark_class()
    {
        Assert.Equal(
            ["BatchBenchmarks", "ColdStartBenchmarks", "LinkingEventsBenchmarks", "NerBenchmarks", "PipelineBenchmarks", "ResourceLoadBenchmarks", "ScalingBenchmarks", "SentenceBenchmarks", "SerializationBenchmarks", "ServiceBenchmarks", "TokenizerBenchmarks"],
            s_classes.Select(t => t.Name));
    }

    [Fact]
    public void Every_class_has_the_memory_diagnoser_and_at_most_one_baseline()
    {
        foreach (var type in s_classes)
        {
            Assert.True(type.GetCustomAttribute<MemoryDiagnoserAttribute>() is not null, $"{type.Name} has no [MemoryDiagnoser]");
            Assert.InRange(Benchmarks(type).Count(m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline), 0, 1);
        }
    }

    [Fact]
    public void The_stage_classes_measure_against_an_in_run_baseline_and_report_tokens_per_second()
    {
        // The scaling class compares each case with itself at a quarter of the size (its ratio columns), not with a baseline.
        foreach (var type in s_classes.Where(t => t.Name is not ("ResourceLoadBenchmarks" or "SerializationBenchmarks" or "ScalingBenchmarks")))
        {
            Assert.Single(Benchmarks(type), m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
        }

        foreach (var type in s_classes.Where(t => t.Name is not ("ResourceLoadBenchmarks" or "SerializationBenchmarks" or "ColdStartBenchmarks" or "ScalingBenchmarks")))
        {
            Assert.True(typeof(ITokenThroughput).IsAssignableFrom(type), $"{type.Name} does not report tokens/s");
        }
    }

    [Fact]
    public void The_short_ci_run_covers_every_stage_it_names()
    {
        var ci = s_classes.Where(t => Benchmarks(t).Any(m => m.GetCustomAttributes<BenchmarkCategoryAttribute>().Any(c => c.Categories.Contains(CiRun.Category)))).Select(t => t.Name);
        Assert.Equal(
            ["BatchBenchmarks", "ColdStartBenchmarks", "LinkingEventsBenchmarks", "NerBenchmarks", "PipelineBenchmarks", "SentenceBenchmarks", "SerializationBenchmarks", "ServiceBenchmarks", "TokenizerBenchmarks"],
            ci);
    }

    [Fact]
    public void Token_columns_count_what_each_case_processes()
    {
        var tokenizer = BenchmarkConverter.TypeToBenchmarks(typeof(TokenizerBenchmarks)).BenchmarksCases;
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        var newsNerOnSample = tokenizer.Single(c => c.Descriptor.WorkloadMethod.Name == "NewsNer" && (string)c.Parameters["Input"] == BenchmarkInputs.Sample);
        Assert.Equal(FrenchTokenizer.Default.CountTokens(sample), ThroughputConfig.TokensOf(newsNerOnSample));

        var articles = tokenizer.Single(c => c.Descriptor.WorkloadMethod.Name == "NewsNer" && (string)c.Parameters["Input"] == BenchmarkInputs.Articles);
        var whole = tokenizer.Single(c => c.Descriptor.WorkloadMethod.Name == "NewsNer" && (string)c.Parameters["Input"] == BenchmarkInputs.Corpus);
        Assert.InRange(ThroughputConfig.TokensOf(articles), 100_000, 400_000);
        Assert.InRange(ThroughputConfig.TokensOf(articles), ThroughputConfig.TokensOf(whole) - 50, ThroughputConfig.TokensOf(whole) + 50);

        var cold = BenchmarkConverter.TypeToBenchmarks(typeof(ColdStartBenchmarks)).BenchmarksCases;
        Assert.All(cold, c => Assert.Equal(0, ThroughputConfig.TokensOf(c)));
    }

    [Fact]
    public void Corpus_from_the_samples_alone_has_the_size_asked_and_ends_at_a_line_end()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "Samples");
        var (text, origin) = NewsCorpus.BuildText(200_000, sharedData: null, samples);
        Assert.Contains("samples", origin, StringComparison.Ordinal);
        Assert.InRange(text.Length, 190_000, 200_000);

        // The samples repeated, cut just before a line break.
        var once = string.Concat(Directory.GetFiles(samples, "*.txt").Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f).TrimEnd() + "\n\n"));
        var repeated = string.Concat(Enumerable.Repeat(once, (200_000 / once.Length) + 2));
        Assert.StartsWith(text, repeated, StringComparison.Ordinal);
        Assert.Equal('\n', repeated[text.Length]);
    }

    [Fact]
    public void Corpus_from_shared_data_keeps_article_titles_and_bodies_and_joins_conll_tokens_with_french_spacing()
    {
        var shared = Directory.CreateTempSubdirectory("newsner-corpus-");
        try
        {
            var articles = Directory.CreateDirectory(Path.Combine(shared.FullName, "events-dev", "articles"));
            File.WriteAllText(Path.Combine(articles.FullName, "001.txt"), "Un titre\nsource: AFP\ndate: 2025-10-15\n\nLe corps de l'article.\n");
            var sequoia = Directory.CreateDirectory(Path.Combine(shared.FullName, "ner", "sequoia-fr"));
            var conll = new StringBuilder();
            for (var k = 0; k < 2000; k++)
            {
                conll.Append("Selon\tO\nl'\tO\nagence\tO\n(\tO\nAFP\tB-ORG\n)\tO\n,\tO\nM.\tO\nDupont\tB-PER\nest\tO\nvenu\tO\n.\tO\n\n");
            }

            File.WriteAllText(Path.Combine(sequoia.FullName, "train.conll"), conll.ToString());
            var (text, origin) = NewsCorpus.BuildText(20_000, shared.FullName, Path.Combine(AppContext.BaseDirectory, "Samples"));
            Assert.StartsWith("Un titre\n\nLe corps de l'article.\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("source:", text, StringComparison.Ordinal);
            Assert.Contains("Selon l'agence (AFP), M. Dupont est venu.", text, StringComparison.Ordinal);
            Assert.Contains("sequoia-fr", origin, StringComparison.Ordinal);
            Assert.InRange(text.Length, 19_000, 20_000);
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }

    [Fact]
    public void Shared_text_smaller_than_asked_is_repeated_rather_than_replaced_by_the_samples()
    {
        // The memory folders (10 and 100 MB) ask for more than all the shared text: they must still be varied news text,
        // not the one sample article written thousands of times.
        var shared = Directory.CreateTempSubdirectory("newsner-corpus-");
        try
        {
            Directory.CreateDirectory(Path.Combine(shared.FullName, "events-dev", "articles"));
            var sequoia = Directory.CreateDirectory(Path.Combine(shared.FullName, "ner", "sequoia-fr"));
            var conll = new StringBuilder();
            for (var k = 0; conll.Length < 2_600_000; k++)
            {
                conll.Append(CultureInfo.InvariantCulture, $"Le\tO\nsommet\tO\nnuméro\tO\n{k}\tO\na\tO\neu\tO\nlieu\tO\nà\tO\nParis\tB-LOC\n.\tO\n\n");
            }

            File.WriteAllText(Path.Combine(sequoia.FullName, "train.conll"), conll.ToString());
            var (text, origin) = NewsCorpus.BuildText(4_000_000, shared.FullName, Path.Combine(AppContext.BaseDirectory, "Samples"));
            Assert.Contains("sequoia-fr", origin, StringComparison.Ordinal);
            Assert.InRange(text.Length, 3_990_000, 4_000_000);
            Assert.DoesNotContain("Poutine", text, StringComparison.Ordinal);
            var articles = NewsCorpus.SplitArticles(text);
            Assert.True(articles.Distinct(StringComparer.Ordinal).Count() > articles.Length / 4);
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }

    [Fact]
    public void Articles_are_whole_paragraphs_of_the_minimum_size_covering_the_text()
    {
        var text = NewsCorpus.BuildText(100_000, sharedData: null, Path.Combine(AppContext.BaseDirectory, "Samples")).Text;
        var articles = NewsCorpus.SplitArticles(text, minChars: 3_000);
        Assert.All(articles[..^1], a => Assert.True(a.Length >= 3_000));
        Assert.All(articles, a => Assert.False(a.StartsWith('\n') || a.EndsWith('\n')));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal), string.Concat(articles).Replace("\n", string.Empty, StringComparison.Ordinal));
        var position = 0;
        foreach (var article in articles)
        {
            position = text.IndexOf(article, position, StringComparison.Ordinal);
            Assert.True(position >= 0);
            Assert.True(position == 0 || text[position - 1] == '\n');
            position += article.Length;
            Assert.True(position == text.Length || text[position] == '\n');
        }
    }

    [Fact]
    public void Folder_builder_writes_numbered_utf8_articles_up_to_the_size_asked()
    {
        var folder = Path.Combine(Path.GetTempPath(), "newsner-folder-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (files, bytes) = NewsCorpus.WriteFolder(folder, 50_000, sharedData: null, Path.Combine(AppContext.BaseDirectory, "Samples"));
            var written = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(files, written.Length);
            Assert.Equal("000001.txt", Path.GetFileName(written[0]));
            Assert.Equal(bytes, written.Sum(f => new FileInfo(f).Length));
            Assert.InRange(bytes, 50_000, 50_000 + 20_000);
            Assert.All(written, f => Assert.Contains("Poutine", File.ReadAllText(f, Encoding.UTF8), StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static IEnumerable<MethodInfo> Benchmarks(Type type) => type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);
}
