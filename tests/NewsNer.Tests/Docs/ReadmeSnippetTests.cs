using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md (and of the package's README) compiles as pasted: as the Program.cs of a
/// new console project (<c>dotnet new console</c>: top-level statements, implicit usings) that references NewsNer.
/// </summary>
public partial class ReadmeSnippetTests
{
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(NewsPipeline).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonWriter).Assembly.Location),
    ]);

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "README.md", "src/NewsNer/PACKAGE.md" })
        {
            var count = CSharpBlock().Count(File.ReadAllText(Path.Combine(RepoPaths.Root, file)));
            for (var i = 0; i < count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Fact]
    public void The_readme_has_csharp_snippets() => Assert.True(CSharpBlock().Count(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"))) >= 3);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles_as_a_console_program(string file, int index)
    {
        var code = CSharpBlock().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, file)))[index].Groups[1].Value;
        var usings = string.Concat(s_implicitUsings.Select(u => $"global using global::{u};\n"));
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [
                CSharpSyntaxTree.ParseText(usings, path: "GlobalUsings.g.cs"),
                CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: "Program.cs"),
            ],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{file}, C# block {index + 1}:\n{code}\n{string.Join("\n", errors)}");
    }

    [GeneratedRegex(@"^```csharp\r?\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
