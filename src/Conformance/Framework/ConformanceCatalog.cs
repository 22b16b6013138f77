using System.Diagnostics;
using System.Reflection;

namespace StorageKit.Conformance.Framework;

/// <summary>One discovered case.</summary>
/// <param name="Area">Area, for example <c>rados.objects</c>.</param>
/// <param name="Name">Case name (the method name).</param>
/// <param name="Method">The static method to run.</param>
/// <param name="CreatesPools">True when the case makes pools of its own.</param>
public sealed record ConformanceCase(string Area, string Name, MethodInfo Method, bool CreatesPools)
{
    /// <summary>The storage system the case exercises, from its context parameter.</summary>
    public ConformanceSystem System => Method.GetParameters() switch
    {
        [{ ParameterType: var type }] when type == typeof(GlusterCaseContext) => ConformanceSystem.Gluster,
        [{ ParameterType: var type }] when type == typeof(NbdCaseContext) => ConformanceSystem.Nbd,
        _ => ConformanceSystem.Ceph,
    };

    /// <summary><c>area/name</c>, unique in the suite.</summary>
    public string Id => $"{Area}/{Name}";

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>The storage system a case needs; a target prepares each separately.</summary>
public enum ConformanceSystem
{
    /// <summary>Ceph RADOS and RBD (the case takes a <see cref="RadosCaseContext"/>).</summary>
    Ceph,

    /// <summary>GlusterFS (the case takes a <see cref="GlusterCaseContext"/>).</summary>
    Gluster,

    /// <summary>NBD clients and servers (the case takes an <see cref="NbdCaseContext"/>).</summary>
    Nbd,
}

/// <summary>The outcome of one case on one target.</summary>
/// <param name="Case">The case.</param>
/// <param name="Target">Target name.</param>
/// <param name="Passed">True when every check held.</param>
/// <param name="Failure">What differed, when it failed.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ConformanceResult(ConformanceCase Case, string Target, bool Passed, string? Failure, TimeSpan Elapsed);

/// <summary>Finds the cases of an assembly and runs them one at a time.</summary>
public static class ConformanceCatalog
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> BuiltIn = new(() => Discover(typeof(ConformanceCatalog).Assembly));

    /// <summary>The kit's own cases.</summary>
    public static IReadOnlyList<ConformanceCase> Cases => BuiltIn.Value;

    /// <summary>Every <see cref="ConformanceCaseAttribute"/> method in the assembly, ordered by area then name.</summary>
    public static IReadOnlyList<ConformanceCase> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var cases = new List<ConformanceCase>();
        foreach (Type type in assembly.GetTypes())
        {
            string? area = type.GetCustomAttribute<ConformanceAreaAttribute>()?.Name;
            if (area is null)
            {
                continue;
            }

            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<ConformanceCaseAttribute>() is { } attribute)
                {
                    cases.Add(new ConformanceCase(area, method.Name, method, attribute.CreatesPools));
                }
            }
        }

        return cases.OrderBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs one case in a fresh context; the exception of a failed check is rethrown.</summary>
    public static void Run(ConformanceTarget target, ConformanceCase conformanceCase)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(conformanceCase);
        using IDisposable context = conformanceCase.System switch
        {
            ConformanceSystem.Gluster => new GlusterCaseContext(target, conformanceCase.Name),
            ConformanceSystem.Nbd => new NbdCaseContext(target, conformanceCase.Name),
            _ => new RadosCaseContext(target, conformanceCase.Name),
        };
        try
        {
            // Async cases (returning a Task) run to completion here, so every runner treats both kinds alike.
            if (conformanceCase.Method.Invoke(null, [context]) is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    /// <summary>Prepares the part of <paramref name="target"/> that <paramref name="system"/> needs; null when ready, else why not.</summary>
    public static string? Prepare(ConformanceTarget target, ConformanceSystem system)
    {
        ArgumentNullException.ThrowIfNull(target);
        return system switch
        {
            ConformanceSystem.Gluster => target.PrepareGluster(),
            ConformanceSystem.Nbd => target.PrepareNbd(),
            _ => target.Prepare(),
        };
    }

    /// <summary>Runs one case and records the outcome instead of throwing.</summary>
    public static ConformanceResult RunAndRecord(ConformanceTarget target, ConformanceCase conformanceCase)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(conformanceCase);
        var watch = Stopwatch.StartNew();
        try
        {
            Run(target, conformanceCase);
            return new ConformanceResult(conformanceCase, target.Name, true, null, watch.Elapsed);
        }
        catch (Exception ex)
        {
            // The runner reports every failure in the matrix, so it records rather than stops here.
            string failure = ex is ConformanceFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return new ConformanceResult(conformanceCase, target.Name, false, failure, watch.Elapsed);
        }
    }
}
