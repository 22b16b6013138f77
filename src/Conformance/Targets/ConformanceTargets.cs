using StorageKit.Conformance.Framework;

namespace StorageKit.Conformance.Targets;

/// <summary>The built-in targets by name.</summary>
public static class ConformanceTargets
{
    /// <summary>Names the runner and the NUnit fixtures accept.</summary>
    public static IReadOnlyList<string> Names { get; } = ["emulator", "native", "native-server", "docker"];

    /// <summary>True under CI (<c>CI=true</c>), where an unavailable target is a failure, never a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates the target called <paramref name="name"/>.</summary>
    public static ConformanceTarget Create(string name) => name switch
    {
        "emulator" => new EmulatorTarget(),
        "native" => new NativeTarget(),
        "native-server" => new NativeServerTarget(),
        "docker" => new DockerTarget(),
        _ => throw new ArgumentException($"unknown target '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };
}
