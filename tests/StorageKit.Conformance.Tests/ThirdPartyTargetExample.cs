using NUnit.Framework;
using StorageKit.Conformance.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Tests;

/// <summary>
/// The README's example of a third party running the suite against its own implementation of the abstractions
/// (here the emulator stands in for "your" RADOS client): subclass <see cref="ConformanceTarget"/>, say which
/// systems it supports, and run the cases of <see cref="ConformanceCatalog"/>.
/// </summary>
public sealed class MyRadosTarget : ConformanceTarget
{
    private readonly EmulatedRadosCluster _cluster = new();

    /// <inheritdoc />
    public override string Name => "my-rados";

    /// <inheritdoc />
    public override string SharedPool => "conformance";

    /// <inheritdoc />
    public override bool Supports(ConformanceSystem system) => system == ConformanceSystem.Ceph;

    /// <inheritdoc />
    public override string? Prepare()
    {
        using IRadosClient client = _cluster.Connect();
        if (!client.ListPools().Contains(SharedPool))
        {
            client.CreatePool(SharedPool);
        }

        return null;
    }

    /// <inheritdoc />
    public override IRadosClient CreateRadosClient() => _cluster.CreateClient();   // your IRadosClient here

    /// <inheritdoc />
    public override IRbdClient OpenRbd(IRadosIoContext ioContext) => StorageKit.Emulator.Rbd.EmulatedRbd.For(ioContext);
}

/// <summary>Runs the example target through the public catalog, as a third party's test project would.</summary>
public sealed class ThirdPartyTargetExampleTests
{
    [Test]
    public void A_third_party_target_passes_the_rados_object_cases()
    {
        using var target = new MyRadosTarget();
        Assert.That(ConformanceCatalog.Prepare(target, ConformanceSystem.Ceph), Is.Null);
        List<ConformanceResult> results = [.. ConformanceCatalog.Cases
            .Where(c => c.System == ConformanceSystem.Ceph && target.Supports(c.System) && c.Area is "rados.objects" or "rados.xattrs" or "rados.omap")
            .Select(c => ConformanceCatalog.RunAndRecord(target, c))];
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.Not.Empty);
            Assert.That(results.Where(r => !r.Passed).Select(r => $"{r.Case.Id}: {r.Failure}"), Is.Empty);
        });
    }
}
