using NUnit.Framework;
using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Targets;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]

namespace StorageKit.Conformance.Tests;

/// <summary>
/// Runs every conformance case once per target. The emulator always runs; the native target needs a
/// cluster (see <see cref="NativeTarget"/>). Locally an unreachable cluster ignores the fixture; with
/// CI=true it fails every case, so CI can never pass without the real system.
/// </summary>
[TestFixture("emulator")]
[TestFixture("native")]
[Parallelizable(ParallelScope.Children)]
public sealed class RadosConformanceTests(string targetName)
{
    private ConformanceTarget? _target;

    public static IEnumerable<TestCaseData> Cases()
        => ConformanceCatalog.Cases.Select(c => new TestCaseData(c).SetName($"{c.Area}.{c.Name}"));

    [OneTimeSetUp]
    public void StartTarget()
    {
        _target = ConformanceTargets.Create(targetName);
        string? unavailable = _target.Prepare();
        if (unavailable is not null)
        {
            if (ConformanceTargets.IsCi)
            {
                Assert.Fail($"target '{targetName}' is required under CI=true but unavailable: {unavailable}");
            }

            Assert.Ignore($"target '{targetName}' unavailable: {unavailable}");
        }
    }

    [OneTimeTearDown]
    public void StopTarget() => _target?.Dispose();

    [TestCaseSource(nameof(Cases))]
    public void Case(ConformanceCase conformanceCase)
        => ConformanceCatalog.Run(_target ?? throw new InvalidOperationException("target not started"), conformanceCase);
}
