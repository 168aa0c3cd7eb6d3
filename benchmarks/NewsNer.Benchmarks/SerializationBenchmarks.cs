using BenchmarkDotNet.Attributes;
using NewsNer.Serialization;

namespace NewsNer.Benchmarks;

/// <summary>
/// JSON writing and reading of the sample article (tokens and sentences as the pipeline makes them). Run:
/// <c>dotnet run -c Release --project benchmarks/NewsNer.Benchmarks -- --filter *Serialization*</c>.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private Document _document = null!;
    private string _json = null!;
    private readonly NewsJsonOptions _noTokens = new() { IncludeTokens = false };

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(FindRoot(), "samples", "al-chaar-poutine.fr.txt");
        _document = NewsPipeline.CreateDefault().Process(File.ReadAllText(path));
        _json = NewsJson.Serialize(_document);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ci")]
    public string Serialize() => NewsJson.Serialize(_document);

    [Benchmark]
    public string SerializeWithoutTokens() => NewsJson.Serialize(_document, _noTokens);

    [Benchmark]
    public void WriteJsonLine() => new NewsJsonLinesWriter(TextWriter.Null).Write(_document);

    [Benchmark]
    public Document Deserialize() => NewsJson.Deserialize(_json);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsNer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the clone (NewsNer.sln not found).");
    }
}
