using NUnit.Framework;
using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Targets;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace StorageKit.Conformance.Tests;

/// <summary>
/// Runs every conformance case of one storage system once per target. The emulator always runs; the native
/// target needs the real system (see <see cref="NativeTarget"/>). Locally an unreachable system ignores the
/// fixture; with CI=true it fails every case, so CI can never pass without the real system.
/// </summary>
public abstract class ConformanceTests(string targetName, ConformanceSystem system)
{
    private ConformanceTarget? _target;

    [OneTimeSetUp]
    public void StartTarget()
    {
        _target = ConformanceTargets.Create(targetName);
        string? unavailable = ConformanceCatalog.Prepare(_target, system);
        if (unavailable is not null)
        {
            if (ConformanceTargets.IsCi)
            {
                Assert.Fail($"target '{targetName}' ({system}) is required under CI=true but unavailable: {unavailable}");
            }

            Assert.Ignore($"target '{targetName}' ({system}) unavailable: {unavailable}");
        }
    }

    [OneTimeTearDown]
    public void StopTarget() => _target?.Dispose();

    /// <summary>
    /// The targets of the cluster systems: emulator and native always, docker only when a daemon is named
    /// (scripts/test.sh with STORAGEKIT_DOCKER=1), so an unrequested docker target adds no skipped tests, and a
    /// requested one that cannot start fails under CI=true like any other.
    /// </summary>
    public static IEnumerable<string> ClusterTargets()
        => StorageKit.Conformance.Docker.StorageKitDockerFixture.ConfiguredSocket is null ? ["emulator", "native"] : ["emulator", "native", "docker"];

    /// <summary>The NBD targets: emulator, native and native-server always, docker as in <see cref="ClusterTargets"/>.</summary>
    public static IEnumerable<string> NbdTargets()
        => StorageKit.Conformance.Docker.StorageKitDockerFixture.ConfiguredSocket is null ? ["emulator", "native", "native-server"] : ["emulator", "native", "native-server", "docker"];

    protected static IEnumerable<TestCaseData> CasesOf(ConformanceSystem system)
        => ConformanceCatalog.Cases.Where(c => c.System == system).Select(c => new TestCaseData(c).SetName($"{c.Area}.{c.Name}"));

    protected void Run(ConformanceCase conformanceCase)
        => ConformanceCatalog.Run(_target ?? throw new InvalidOperationException("target not started"), conformanceCase);
}

/// <summary>Ceph RADOS and RBD cases.</summary>
[TestFixtureSource(typeof(ConformanceTests), nameof(ClusterTargets))]
[Parallelizable(ParallelScope.Children)]
public sealed class RadosConformanceTests(string targetName) : ConformanceTests(targetName, ConformanceSystem.Ceph)
{
    public static IEnumerable<TestCaseData> Cases() => CasesOf(ConformanceSystem.Ceph);

    [TestCaseSource(nameof(Cases))]
    public void Case(ConformanceCase conformanceCase) => Run(conformanceCase);
}

/// <summary>GlusterFS cases.</summary>
[TestFixtureSource(typeof(ConformanceTests), nameof(ClusterTargets))]
[Parallelizable(ParallelScope.Children)]
public sealed class GlusterConformanceTests(string targetName) : ConformanceTests(targetName, ConformanceSystem.Gluster)
{
    public static IEnumerable<TestCaseData> Cases() => CasesOf(ConformanceSystem.Gluster);

    [TestCaseSource(nameof(Cases))]
    public void Case(ConformanceCase conformanceCase) => Run(conformanceCase);
}

/// <summary>
/// NBD cases: the emulated client and server, libnbd against nbdkit, libnbd against StorageKit's server, and
/// libnbd against nbdkit in the docker target's container.
/// </summary>
[TestFixtureSource(typeof(ConformanceTests), nameof(NbdTargets))]
[Parallelizable(ParallelScope.Children)]
public sealed class NbdConformanceTests(string targetName) : ConformanceTests(targetName, ConformanceSystem.Nbd)
{
    public static IEnumerable<TestCaseData> Cases() => CasesOf(ConformanceSystem.Nbd);

    [TestCaseSource(nameof(Cases))]
    public void Case(ConformanceCase conformanceCase) => Run(conformanceCase);
}
