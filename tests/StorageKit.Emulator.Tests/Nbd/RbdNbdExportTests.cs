using System.Net;
using NUnit.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Nbd;
using StorageKit.Rados;
using StorageKit.Rbd;
using static StorageKit.Emulator.Tests.Nbd.RawNbdClient;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>An emulated RBD image served over NBD: the in-process rbd-nbd.</summary>
public sealed class RbdNbdExportTests
{
    private const int Order = 22; // 4 MiB objects
    private IRadosClient _client = null!;
    private IRadosIoContext _io = null!;
    private IRbdClient _rbd = null!;

    [SetUp]
    public void CreateImage()
    {
        var cluster = new EmulatedRadosCluster();
        _client = cluster.Connect();
        _client.CreatePool("rbd");
        _io = _client.OpenIoContext("rbd");
        _rbd = EmulatedRbd.For(_io);
        _rbd.Create("disk", 64L << 20, Order);
    }

    [TearDown]
    public void Close()
    {
        _io.Dispose();
        _client.Dispose();
    }

    [Test]
    public async Task CommandsReachTheImageAndExtentsComeFromItsDiff()
    {
        using IRbdImage image = _rbd.Open("disk");
        var export = new RbdNbdExport(image, "disk", "an rbd image");
        Assert.That(export.Flags, Is.EqualTo(NbdExportFlags.HasFlags | NbdExportFlags.CanFlush | NbdExportFlags.CanFua | NbdExportFlags.CanTrim
            | NbdExportFlags.CanZero | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn));
        Assert.That(export.BlockSizes, Is.EqualTo(((long)1, 4L << 20, 32L << 20)));
        await using var server = new NbdServer(export);
        using RawNbdClient client = Connect(server.ListenTcp(new IPEndPoint(IPAddress.Loopback, 0)));
        Assert.That(client.Go("disk").Size, Is.EqualTo(64L << 20));

        Assert.That(client.ErrorOf(CmdWrite, 1, 5L << 20, 4, [1, 2, 3, 4]), Is.Zero, "FUA write");
        byte[] back = new byte[4];
        image.Read(back, 5L << 20);
        Assert.That(back, Is.EqualTo(new byte[] { 1, 2, 3, 4 }));

        Assert.That(export.GetAllocation(64L << 20, 0).Select(e => (e.Offset, e.Length, e.Allocation)), Is.EqualTo(new[]
        {
            // Without fast-diff librbd reports a written object from its start to its end (measured on Ceph).
            (0L, 4L << 20, NbdExtentFlags.Hole | NbdExtentFlags.Zero),
            (4L << 20, (1L << 20) + 4, NbdExtentFlags.None),
            ((5L << 20) + 4, (59L << 20) - 4, NbdExtentFlags.Hole | NbdExtentFlags.Zero),
        }));

        Assert.That(client.ErrorOf(CmdWriteZeroes, 2, 5L << 20, 2), Is.Zero, "NO_HOLE writes zeros");
        Assert.That(client.ErrorOf(CmdWriteZeroes, 0, (5L << 20) + 2, 2), Is.Zero);
        image.Read(back, 5L << 20);
        Assert.That(back, Is.EqualTo(new byte[4]));
        Assert.That(client.ErrorOf(CmdTrim, 0, 4L << 20, 4 << 20), Is.Zero, "a whole object");
        Assert.That(client.ErrorOf(CmdFlush, 0, 0, 0), Is.Zero);
        Assert.That(client.ErrorOf(CmdCache, 0, 0, 4096), Is.Zero);
        Assert.That(client.ErrorOf(CmdWriteZeroes, 0x10, 0, 10), Is.EqualTo(22u), "fast zero is not advertised");
        Assert.That(client.ErrorOf(CmdBlockStatus, 0, 0, 64 << 20), Is.Zero);
    }

    [Test]
    public void SnapshotHandlesExportReadOnly()
    {
        using (IRbdImage image = _rbd.Open("disk"))
        {
            image.Write([9], 0);
            image.CreateSnapshot("s");
        }

        using IRbdImage snapshot = _rbd.Open("disk", "s", readOnly: true);
        var export = new RbdNbdExport(snapshot);
        Assert.That(export.Flags & NbdExportFlags.ReadOnly, Is.EqualTo(NbdExportFlags.ReadOnly));
        Assert.That(Assert.Throws<StoragePermissionException>(() => export.Write([1], 0, false))!.Errno, Is.EqualTo(Errno.EPERM));
        byte[] one = new byte[1];
        export.Read(one, 0);
        Assert.That(one[0], Is.EqualTo(9));
        Assert.That(new RbdNbdExport(snapshot) { AllocationFromDiff = false }.GetAllocation(100, 0), Is.EqualTo(new[] { new NbdExtent(0, 100, 0) }));
    }
}
