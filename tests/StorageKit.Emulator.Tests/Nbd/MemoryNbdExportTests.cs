using NUnit.Framework;
using StorageKit.Emulator.Nbd;
using StorageKit.Nbd;

namespace StorageKit.Emulator.Tests.Nbd;

/// <summary>The sparse memory export: costs, data, errors and the extents nbdkit memory reports for the same steps.</summary>
public sealed class MemoryNbdExportTests
{
    private const NbdExtentFlags HoleZero = NbdExtentFlags.Hole | NbdExtentFlags.Zero;

    [Test]
    public void OneTebibyteExportAllocatesOnlyWhatIsWritten()
    {
        var export = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1L << 40 });
        Assert.That(export.AllocatedBytes, Is.Zero);
        export.Write(new byte[10], (1L << 40) - 10, fua: false);
        export.Write("abc"u8, 1L << 39, fua: true);
        Assert.That(export.AllocatedBytes, Is.EqualTo(2 * MemoryNbdExportOptions.DefaultPageSize));
        byte[] back = new byte[5];
        export.Read(back, (1L << 39) - 1);
        Assert.That(back, Is.EqualTo(new byte[] { 0, (byte)'a', (byte)'b', (byte)'c', 0 }));
    }

    [Test]
    public void ExtentsFollowNbdkitMemoryStepByStep()
    {
        // The same steps and results as nbdkit memory 1G under libnbd (docs/nbd-probe-results.md).
        var export = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1L << 30 });
        export.Write("x"u8, 100, false);
        export.Write(new byte[10].Select(_ => (byte)'y').ToArray(), 40000, false);
        export.Write(new byte[4096], 1 << 20, false);
        Assert.That(Map(export, 1 << 24), Is.EqualTo(new[] { (65536L, 0), (983040L, 3), (32768L, 2), (15695872L, 3) }));

        export.Trim(4096, 40000, false);
        Assert.That(Map(export, 1 << 24), Is.EqualTo(new[] { (32768L, 0), (1015808L, 3), (32768L, 2), (15695872L, 3) }));

        export.Write(Enumerable.Repeat((byte)'z', 70000).ToArray(), 2 << 20, false);
        export.Zero(1000, (2 << 20) + 100, noHole: false, fastZero: false, fua: false);
        export.Zero(40000, (2 << 20) + 1000, noHole: true, fastZero: true, fua: false);
        Assert.That(Map(export, 1 << 24), Is.EqualTo(new[] { (32768L, 0), (1015808L, 3), (32768L, 2), (1015808L, 3), (98304L, 0), (14581760L, 3) }));

        export.Trim(1 << 20, 2 << 20, false);
        Assert.That(Map(export, 1 << 24), Is.EqualTo(new[] { (32768L, 0), (1015808L, 3), (32768L, 2), (15695872L, 3) }));

        // Extents start at the offset asked for and run to the page's end.
        IReadOnlyList<NbdExtent> one = export.GetAllocation(100, 50);
        Assert.That(one[0], Is.EqualTo(new NbdExtent(50, 32718, 0)));
    }

    [Test]
    public void ZeroingAWholePageFreesItEvenWithNoHole()
    {
        var export = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 20 });
        export.Write(Enumerable.Repeat((byte)'a', 65536).ToArray(), 0, false);
        export.Zero(32768, 0, noHole: true, fastZero: false, fua: false);
        Assert.That(export.GetAllocation(1 << 20, 0).Select(e => (e.Length, e.Allocation)), Is.EqualTo(new[] { (32768L, HoleZero), (32768L, NbdExtentFlags.None), (983040L, HoleZero) }));
        Assert.That(export.AllocatedBytes, Is.EqualTo(32768));
    }

    [Test]
    public void ErrorsCarryTheErrnoNbdkitGives()
    {
        var export = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 20 });
        Assert.That(Assert.Throws<StorageInvalidArgumentException>(() => export.Read(new byte[10], (1 << 20) - 5))!.Errno, Is.EqualTo(Errno.EINVAL));
        Assert.That(Assert.Throws<StorageException>(() => export.Write(new byte[10], (1 << 20) - 5, false))!.Errno, Is.EqualTo(Errno.ENOSPC));
        Assert.That(Assert.Throws<StorageException>(() => export.Zero(10, 1 << 20, false, false, false))!.Errno, Is.EqualTo(Errno.ENOSPC));
        Assert.That(Assert.Throws<StorageInvalidArgumentException>(() => export.Trim(0, 0, false))!.Errno, Is.EqualTo(Errno.EINVAL));

        var readOnly = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 20, ReadOnly = true });
        Assert.That(readOnly.Flags, Is.EqualTo(NbdExportFlags.HasFlags | NbdExportFlags.ReadOnly | NbdExportFlags.CanFlush | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn));
        Assert.That(Assert.Throws<StoragePermissionException>(() => readOnly.Write(new byte[1], 0, false))!.Errno, Is.EqualTo(Errno.EPERM));

        var noTrim = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 20, Features = NbdExportFlags.CanFlush });
        Assert.That(Assert.Throws<StorageNotSupportedException>(() => noTrim.Trim(1, 0, false))!.Errno, Is.EqualTo(Errno.EOPNOTSUPP));
    }

    [Test]
    public void ConcurrentWritersOnSharedPagesLoseNothing()
    {
        var export = new MemoryNbdExport(new MemoryNbdExportOptions { Size = 1 << 22, PageSize = 4096 });
        Parallel.For(0, 64, i =>
        {
            for (int j = 0; j < 100; j++)
            {
                export.Write([(byte)(i + 1)], (j * 64L) + i, false);
            }
        });
        byte[] all = new byte[6400];
        export.Read(all, 0);
        Assert.That(all.Select((b, k) => b == (k % 64) + 1).All(ok => ok), Is.True);
    }

    private static (long Length, int Flags)[] Map(MemoryNbdExport export, long length)
        => [.. export.GetAllocation(length, 0).Select(e => (e.Length, (int)e.Flags))];
}
