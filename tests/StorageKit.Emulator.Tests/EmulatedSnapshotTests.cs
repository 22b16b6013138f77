using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Emulator.Tests;

/// <summary>Emulator-only snapshot behaviour: time from the injected clock, trimming at once, many clones.</summary>
public sealed class EmulatedSnapshotTests
{
    [Test]
    public void SnapshotStampsComeFromTheInjectedClockInWholeSeconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, 750, TimeSpan.Zero));
        var cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = clock });
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.CreateSnapshot("a");
        clock.Advance(TimeSpan.FromDays(3));
        io.CreateSnapshot("b");
        Assert.That(io.GetSnapshotTimestamp(io.LookupSnapshot("a")), Is.EqualTo(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero)));
        Assert.That(io.GetSnapshotTimestamp(io.LookupSnapshot("b")), Is.EqualTo(new DateTimeOffset(2030, 5, 9, 7, 8, 9, TimeSpan.Zero)));
    }

    [Test]
    public void RemovingTheLastSnapshotOfAWhiteoutDropsItFromTheListingAtOnce()
    {
        // Ceph trims in the background (within about a second, measured); the emulator trims during the remove.
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.WriteFull("o", "x"u8);
        io.CreateSnapshot("s");
        io.Remove("o");
        Assert.That(io.ListObjects().Select(e => e.Name).Single(), Is.EqualTo("o"));
        io.RemoveSnapshot("s");
        Assert.That(io.ListObjects(), Is.Empty);
    }

    [Test]
    public void ManySnapshotsOfOneObjectEachKeepTheirVersion()
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        var ids = new List<ulong>();
        for (int i = 0; i < 50; i++)
        {
            io.WriteFull("o", [(byte)i]);
            io.CreateSnapshot($"s{i}");
            ids.Add(io.LookupSnapshot($"s{i}"));
        }

        io.WriteFull("o", [255]);
        for (int i = 49; i >= 0; i -= 7)
        {
            io.SetReadSnapshot(ids[i]);
            Assert.That(io.ReadAll("o"), Is.EqualTo(new[] { (byte)i }), $"at snapshot {i}");
        }

        io.SetReadSnapshot(RadosSnapshot.Head);
        io.RollbackSnapshot("o", "s10");
        Assert.That(io.ReadAll("o"), Is.EqualTo(new byte[] { 10 }));
    }

    [Test]
    public void RollbackOnOneThreadAndWritesOnOthersStayConsistent()
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.WriteFull("o", new byte[64]);
        io.CreateSnapshot("zero");
        Parallel.For(0, 4, worker =>
        {
            using IRadosIoContext mine = client.OpenIoContext("p");
            for (int i = 0; i < 200; i++)
            {
                if (worker == 0)
                {
                    mine.RollbackSnapshot("o", "zero");
                }
                else
                {
                    mine.WriteFull("o", Enumerable.Repeat((byte)worker, 64).ToArray());
                }
            }
        });
        byte[] data = io.ReadAll("o");
        Assert.That(data, Has.Length.EqualTo(64));
        Assert.That(data, Is.All.EqualTo(data[0]), "never a mix of two versions");
    }
}
