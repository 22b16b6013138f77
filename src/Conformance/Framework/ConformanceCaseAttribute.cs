namespace StorageKit.Conformance.Framework;

/// <summary>
/// Marks a public static method <c>void M(RadosCaseContext context)</c> (or <c>async Task M(...)</c>) as a conformance case. The case name is
/// the method name; its area comes from <see cref="ConformanceAreaAttribute"/> on the declaring class.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceCaseAttribute : Attribute
{
    /// <summary>True for cases that create and delete pools (slow on a real cluster: a few seconds each).</summary>
    public bool CreatesPools { get; init; }
}

/// <summary>Names the area (for example <c>rados.objects</c>) of every case in the class.</summary>
/// <param name="name">Area name, shown as the first column of the matrix.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ConformanceAreaAttribute(string name) : Attribute
{
    /// <summary>Area name.</summary>
    public string Name { get; } = name;
}
