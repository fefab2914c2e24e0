using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// The rules of the module map, over the bytecode as ArchUnitNET reads it (a dependency inside a method body counts).
/// Each returns one line per violation, naming the types, members and edge, so that a failing test says what to fix.
/// </summary>
public static class ModuleRules
{
    /// <summary>
    /// R7. No dependency cycle between feature slices: one line per strongly connected group of features, naming one
    /// cycle through it and the type dependencies that make each of its arrows.
    /// </summary>
    public static IReadOnlyList<string> Cycles(Architecture architecture, ModuleMap map)
    {
        var edges = FeatureEdges(architecture, map);
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<string>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (reported.Contains(start) || ShortestPath(next, start, start) is not { } path)
            {
                continue;
            }
            reported.UnionWith(path);
            var arrows = path.Zip(path.Skip(1), (from, to) => $"{from} -> {to} ({string.Join(", ", edges[(from, to)])})");
            cycles.Add($"cycle {string.Join(" -> ", path)}: {string.Join("; ", arrows)}");
        }
        return cycles;
    }

    /// <summary>The shortest walk from one feature to another (itself, for a cycle), breadth first, or null.</summary>
    private static List<string>? ShortestPath(Dictionary<string, List<string>> next, string from, string to)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (target == to)
                {
                    var path = new List<string> { to, node };
                    for (var step = node; step != from; step = cameFrom[step])
                    {
                        path.Add(cameFrom[step]);
                    }
                    path.Reverse();
                    return path;
                }
                if (target != from && cameFrom.TryAdd(target, node))
                {
                    queue.Enqueue(target);
                }
            }
        }
        return null;
    }

    /// <summary>The feature-to-feature edges of the compiled code, each with the type dependencies that make it.</summary>
    public static IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> FeatureEdges(Architecture architecture, ModuleMap map) =>
        CrossFeatureDependencies(architecture, map)
            .GroupBy(d => (d.From, d.To))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.Select(d => $"{Outermost(d.Source.FullName)} -> {Outermost(d.Target.FullName)}").Distinct().Order(StringComparer.Ordinal).ToList());

    /// <summary>R8. A feature uses only the features its row of the map lists.</summary>
    public static IReadOnlyList<string> ForbiddenEdges(Architecture architecture, ModuleMap map) =>
        FeatureEdges(architecture, map)
            .Where(edge => !map.Allows(edge.Key.From, edge.Key.To))
            .SelectMany(edge => edge.Value.Select(uses => $"{edge.Key.From} -> {edge.Key.To} is not in the feature map: {uses}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>R9. A feature calls, reads or writes only public members of another feature's types.</summary>
    public static IReadOnlyList<string> NonPublicMemberReaches(Architecture architecture, ModuleMap map) =>
        CrossFeatureDependencies(architecture, map)
            .Select(d => d.Dependency)
            .OfType<IMemberMemberDependency>()
            .Where(d => d.TargetMember.Visibility != Visibility.Public && !IsRecordCopy(d.TargetMember))
            .Select(d => $"{Outermost(d.OriginMember.DeclaringType.FullName)}.{d.OriginMember.Name} -> {d.TargetMember.DeclaringType.FullName}.{d.TargetMember.Name}: "
                + $"not public ({d.TargetMember.Visibility.ToString().ToLowerInvariant()}) in {map.FeatureOf(Ns(d.TargetMember.DeclaringType))}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// R10. A feature's types are internal unless another feature (or the entry point) uses them: each public type is
    /// used from outside its feature, or is part of the public signature, base or interface of a type that is.
    /// </summary>
    public static IReadOnlyList<string> NeedlesslyPublicTypes(Architecture architecture, ModuleMap map)
    {
        var features = architecture.Types
            .Where(t => !t.IsCompilerGenerated && !t.IsNested && map.FeatureOf(Ns(t)) is not null)
            .ToList();
        var byName = features.ToDictionary(t => t.FullName, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        // Used from outside: by another feature, or by the entry point (Program.cs), which calls each feature's
        // registration and endpoint extensions.
        needed.UnionWith(EntryPointUses(map).Where(byName.ContainsKey));
        needed.UnionWith(features.Where(t => map.IsPublic(t.FullName) && IsExtensionClass(t.FullName, map)).Select(t => t.FullName));
        foreach (var source in architecture.Types.Where(t => t.FullName.StartsWith(map.Root, StringComparison.Ordinal)))
        {
            var sourceFeature = map.FeatureOf(Ns(source));
            foreach (var target in source.Dependencies.Select(d => Outermost(d.Target.FullName)))
            {
                if (byName.TryGetValue(target, out var type) && map.FeatureOf(Ns(type)) != sourceFeature)
                {
                    needed.Add(target);
                }
            }
        }
        // What a needed type shows in its public members, its base and its interfaces has to be public too.
        var pending = new Queue<string>(needed);
        while (pending.TryDequeue(out var name))
        {
            var type = byName[name];
            var shown = type.Dependencies
                .Where(d => d is InheritsBaseClassDependency or ImplementsInterfaceDependency or GenericArgumentTypeDependency)
                .Select(d => d.Target)
                .Concat(type.Members.Where(m => m.Visibility == Visibility.Public)
                    .SelectMany(m => m.MemberDependencies)
                    .Where(d => d is MethodSignatureDependency or FieldTypeDependency or PropertyTypeDependency or GenericArgumentMemberDependency)
                    .Select(d => d.Target));
            foreach (var target in shown.Select(t => Outermost(t.FullName)))
            {
                if (byName.ContainsKey(target) && needed.Add(target))
                {
                    pending.Enqueue(target);
                }
            }
        }
        return features
            .Where(t => map.IsPublic(t.FullName) && !needed.Contains(t.FullName))
            .Select(t => $"{t.FullName} is public but no other feature uses it: make it internal")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// R11. One clock: product code takes the injected <see cref="TimeProvider"/>; only registration
    /// (<c>*ServiceCollectionExtensions</c>) and the entry point may name <c>TimeProvider.System</c>, and nothing uses
    /// <see cref="System.Diagnostics.Stopwatch"/>, whose time a test cannot move.
    /// </summary>
    public static IReadOnlyList<string> OwnClocks(Architecture architecture, ModuleMap map) =>
        architecture.Types
            .Where(t => t.FullName.StartsWith(map.Root + ".", StringComparison.Ordinal)
                && !Outermost(t.FullName).EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal))
            .SelectMany(t => t.Dependencies.Select(d => d switch
            {
                _ when d.Target.FullName == typeof(System.Diagnostics.Stopwatch).FullName =>
                    $"{Outermost(t.FullName)} uses System.Diagnostics.Stopwatch: measure with the injected TimeProvider",
                IMemberMemberDependency { TargetMember.Name: var name } when d.Target.FullName == typeof(TimeProvider).FullName
                    && name.StartsWith("get_System(", StringComparison.Ordinal) =>
                    $"{Outermost(t.FullName)} uses TimeProvider.System: take the injected TimeProvider",
                _ => null,
            }))
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The types the entry point (top-level <c>Program</c>) names, read from its IL with Mono.Cecil: ArchUnitNET does
    /// not follow the async state machine of top-level statements.
    /// </summary>
    private static IEnumerable<string> EntryPointUses(ModuleMap map)
    {
        foreach (var assembly in map.Assemblies)
        {
            using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
            if (module.GetType("Program") is not { } program)
            {
                continue;
            }
            var types = new List<Mono.Cecil.TypeDefinition> { program };
            for (var i = 0; i < types.Count; i++)
            {
                types.AddRange(types[i].NestedTypes);
            }
            foreach (var instruction in types.SelectMany(t => t.Methods).Where(m => m.HasBody).SelectMany(m => m.Body.Instructions))
            {
                var named = instruction.Operand switch
                {
                    Mono.Cecil.MemberReference { DeclaringType: { } declaring } => declaring.FullName,
                    Mono.Cecil.TypeReference type => type.FullName,
                    _ => null,
                };
                if (named is not null)
                {
                    yield return Outermost(named);
                }
            }
        }
    }

    /// <summary>A static class of extension methods: a feature's registration or endpoint mapping, which Program calls.</summary>
    private static bool IsExtensionClass(string fullName, ModuleMap map) =>
        map.Assemblies.Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null) is { IsAbstract: true, IsSealed: true } type
        && type.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), inherit: false);

    private sealed record CrossFeatureDependency(string From, string To, IType Source, IType Target, ITypeDependency Dependency);

    private static IEnumerable<CrossFeatureDependency> CrossFeatureDependencies(Architecture architecture, ModuleMap map) =>
        from source in architecture.Types
        let origin = map.FeatureOf(Ns(source))
        where origin is not null && !IsGeneratedJsonContext(source, map)
        from dependency in source.Dependencies
        let destination = map.FeatureOf(Ns(dependency.Target))
        where destination is not null && destination != origin
        select new CrossFeatureDependency(origin, destination, source, dependency.Target, dependency);

    /// <summary>
    /// System.Text.Json's source generator writes the same private helpers into every context; the bytecode reader
    /// resolves a call to one of them to whichever context it met first, which is no dependency of ours.
    /// </summary>
    private static bool IsGeneratedJsonContext(IType type, ModuleMap map) =>
        map.Assemblies.Select(a => a.GetType(type.FullName)).FirstOrDefault(t => t is not null)
            ?.IsSubclassOf(typeof(System.Text.Json.Serialization.JsonSerializerContext)) == true;

    /// <summary>A record's copy constructor and clone method: what a <c>with</c> expression calls, whatever their visibility.</summary>
    private static bool IsRecordCopy(IMember member) =>
        member.Name == $".ctor({member.DeclaringType.FullName})" || member.Name.StartsWith("<Clone>$", StringComparison.Ordinal);

    private static string Ns(IType type) => type.Namespace?.FullName ?? "";

    /// <summary>Compiler-made nested types (lambdas, state machines) are reported as the type they belong to.</summary>
    public static string Outermost(string fullName)
    {
        var plus = fullName.IndexOfAny(['+', '/']);
        return plus < 0 ? fullName : fullName[..plus];
    }
}
