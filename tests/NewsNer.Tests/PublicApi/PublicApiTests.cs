using System.Reflection;
using System.Text;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.PublicApi;

/// <summary>
/// The NewsNer package's public surface, compared with PublicApi/NewsNer.txt: a change to the public API is a decision,
/// reviewed in the diff of that file (regenerate it with NEWSNER_UPDATE_API=1 dotnet test --filter PublicApi).
/// Helpers belong in internal types; this test makes a public one visible.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_reviewed_listing()
    {
        var actual = Describe(typeof(NewsPipeline).Assembly);
        var path = Path.Combine(RepoPaths.Root, "tests", "NewsNer.Tests", "PublicApi", "NewsNer.txt");
        if (Environment.GetEnvironmentVariable("NEWSNER_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        var removed = expected.Split('\n').Except(actual.Split('\n')).ToList();
        Assert.True(
            added.Count == 0 && removed.Count == 0,
            "The public API changed. If on purpose, regenerate tests/NewsNer.Tests/PublicApi/NewsNer.txt (NEWSNER_UPDATE_API=1) and review the diff.\n"
            + string.Join("\n", added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r))));
    }

    [Fact]
    public void Every_public_type_has_xml_docs()
    {
        var xml = Path.ChangeExtension(typeof(NewsPipeline).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), "the library must ship its XML documentation");
        var documented = File.ReadAllText(xml);
        var missing = typeof(NewsPipeline).Assembly.GetExportedTypes().Where(t => !documented.Contains($"name=\"T:{t.FullName}\"", StringComparison.Ordinal)).Select(t => t.FullName).ToList();
        Assert.Empty(missing);
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            lines.Add($"{type.FullName}: {kind}");
            if (type.IsEnum)
            {
                lines.AddRange(Enum.GetNames(type).Select(n => $"{type.FullName}.{n}"));
                continue;
            }

            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(Flags))
            {
                var text = member switch
                {
                    ConstructorInfo c => $"ctor({Parameters(c)})",
                    MethodInfo m when m.IsSpecialName => null,
                    MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : "")}({Parameters(m)})",
                    PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? (IsInit(p) ? "init; " : "set; ") : "")}}}",
                    FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
                    EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
                    Type => null,
                    _ => member.ToString(),
                };
                if (text is not null && !IsCompilerNoise(member))
                {
                    lines.Add($"{type.FullName}.{text}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\n";
    }

    // Record plumbing (EqualityContract, <Clone>$, Deconstruct, PrintMembers) says nothing about the API's design.
    private static bool IsCompilerNoise(MemberInfo member) =>
        member.Name is "<Clone>$" or "EqualityContract" or "PrintMembers" or "Deconstruct" or "op_Equality" or "op_Inequality"
        || member.Name is "Equals" or "GetHashCode" or "ToString" && member.DeclaringType!.GetMethod("<Clone>$") is not null;

    private static bool IsInit(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = …" : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return type.IsArray ? Name(type.GetElementType()!) + "[]" : type.IsByRef ? "ref " + Name(type.GetElementType()!) : type.Name;
    }
}
