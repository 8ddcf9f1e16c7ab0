using System.Reflection;
using System.Text.Json;

namespace DaoPlatform.Protocol.Tests.Architecture;

/// <summary>
/// The protocol and the CLI's services carry no server (issue 16): neither DaoPlatform.Protocol nor DaoPlatform.Platform
/// reaches the node's projects or its server packages, directly or through any dependency. Only the executables that
/// host the node (the node, the CLI for <c>node run</c> and <c>hub</c>) compose them.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Name prefixes of the node's projects and server packages (assemblies, NuGet packages and project names alike).</summary>
    private static readonly string[] Forbidden = ["Hangfire", "Npgsql", "Microsoft.AspNetCore", "DaoPlatform.Services", "DaoPlatform.Node"];

    private static bool IsForbidden(string name) =>
        Forbidden.Any(prefix => name.Equals(prefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase));

    [TestCase("DaoPlatform.Protocol")]
    [TestCase("DaoPlatform.Platform")]
    public void Package_and_project_graph_holds_no_server_package(string root)
    {
        // The test's deps.json holds every project and package it was built with, each with its own dependencies:
        // walking it from the root sees what the root would ship, whether or not its code calls into it.
        string depsPath = Path.Combine(AppContext.BaseDirectory, "DaoPlatform.Protocol.Tests.deps.json");
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(depsPath));
        JsonElement target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var libraries = target.EnumerateObject().ToDictionary(p => p.Name[..p.Name.IndexOf('/', StringComparison.Ordinal)], p => p.Value, StringComparer.OrdinalIgnoreCase);
        Assert.That(libraries, Does.ContainKey(root), $"{root} is not in {depsPath}");

        var offending = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<(string Name, string Path)>([(root, root)]);
        while (pending.TryPop(out (string Name, string Path) next))
        {
            if (!seen.Add(next.Name))
            {
                continue;
            }
            if (IsForbidden(next.Name))
            {
                offending.Add(next.Path);
                continue;
            }
            if (libraries.TryGetValue(next.Name, out JsonElement library) && library.TryGetProperty("dependencies", out JsonElement dependencies))
            {
                foreach (JsonProperty dependency in dependencies.EnumerateObject())
                {
                    pending.Push((dependency.Name, $"{next.Path} -> {dependency.Name}"));
                }
            }
        }
        Assert.That(offending, Is.Empty, $"{root} depends on the node's projects or server packages");
    }

    [TestCase("DaoPlatform.Protocol")]
    [TestCase("DaoPlatform.Platform")]
    public void Assembly_references_reach_no_server_assembly(string root)
    {
        // Framework references (ASP.NET Core is one) are not in deps.json: the compiled references show them.
        var offending = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<(AssemblyName Name, string Path)>([(new AssemblyName(root), root)]);
        while (pending.TryPop(out (AssemblyName Name, string Path) next))
        {
            string name = next.Name.Name!;
            if (!seen.Add(name))
            {
                continue;
            }
            if (IsForbidden(name))
            {
                offending.Add(next.Path);
                continue;
            }
            // The runtime's own assemblies reference nothing of ours; only the application's are walked.
            if (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib")
            {
                continue;
            }
            foreach (AssemblyName reference in Assembly.Load(next.Name).GetReferencedAssemblies())
            {
                pending.Push((reference, $"{next.Path} -> {reference.Name}"));
            }
        }
        Assert.That(offending, Is.Empty, $"{root} references the node's assemblies or server assemblies");
    }
}
