using System.CommandLine;

namespace NewsNer.Cli.Commands;

/// <summary>
/// One verb of <c>newsner</c> (<c>extract</c>, <c>eval-news</c>, <c>train</c>…). To add a verb, add a class that
/// implements this interface in its own file under Commands/: it is found by reflection, so verbs added by different
/// people never touch a shared list.
/// </summary>
internal interface ICliCommand
{
    /// <summary>Builds the verb: its arguments, options and action. The action does its I/O through <paramref name="context"/>.</summary>
    Command Create(CliContext context);
}

/// <summary>Finds every <see cref="ICliCommand"/> of this assembly, ordered by verb name.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<Command> Create(CliContext context) =>
        [.. typeof(ICliCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t, nonPublic: true)!).Create(context))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];
}
