using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StorageKit.Emulator.Gluster;
using StorageKit.Gluster;

namespace StorageKit.Emulator.Tests;

/// <summary>
/// What the conformance cases cannot show cheaply about the emulated GlusterFS volume: memory of sparse files,
/// thread safety, deep symbolic-link chains, the fake clock, and the tree's bookkeeping.
/// </summary>
public sealed class EmulatedGlusterTests
{
    private const long TiB = 1L << 40;

    private static readonly GlusterVolumeOptions Vol1 = new() { VolumeName = "vol1" };
    private static readonly string[] FirstThree = [".", "..", "f0"];
    private static readonly string[] LastThree = ["f2", "f3", "f4"];

    [Test]
    [NonParallelizable]
    public void OneTebibyteSparseFileRetainsOnlyWhatWasWritten()
    {
        GC.KeepAlive(WriteSparse(1 << 20));

        long before = GC.GetTotalMemory(forceFullCollection: true);
        (EmulatedGlusterCluster cluster, GlusterStat stat) = WriteSparse(TiB);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(cluster);

        TestContext.Out.WriteLine($"retained: {retained} bytes");
        Assert.Multiple(() =>
        {
            Assert.That(retained, Is.LessThan(4L << 20), "a 1 TiB file with 1 MiB written");
            Assert.That(stat.Size, Is.EqualTo(TiB + 1));
            // 256 written pages + the page holding the last byte, plus ext4's attribute block.
            Assert.That(stat.Blocks, Is.EqualTo((257 * 8) + 8));
        });
    }

    [Test]
    [NonParallelizable]
    public void PreallocatedSpaceCostsNoPageMemoryAndStopsAtCapacity()
    {
        const long size = 256L << 20;
        var cluster = new EmulatedGlusterCluster(new EmulatorOptions { CapacityBytes = 1L << 30 });
        cluster.CreateVolume("vol1");
        using IGlusterVolume volume = cluster.OpenVolume(Vol1);
        using IGlusterFile file = volume.Open("/pre", GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        file.Allocate(0, size);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        TestContext.Out.WriteLine($"retained: {retained} bytes");
        byte[] tail = new byte[16];
        Assert.Multiple(() =>
        {
            Assert.That(retained, Is.LessThan(16L << 20), "256 MiB preallocated");
            Assert.That(file.Stat().Size, Is.EqualTo(size));
            Assert.That(file.Stat().Blocks, Is.EqualTo(size / 512));
            Assert.That(file.ReadAt(tail, size - 16), Is.EqualTo(16));
            Assert.That(tail, Is.All.Zero);
            Assert.That(() => file.Allocate(size, 1L << 30), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.ENOSPC));
            Assert.That(volume.StatVfs("/").BlocksFree, Is.LessThan((ulong)((1L << 30) - size) / 4096 + 1));
        });
    }

    [Test]
    public void SeekDataAndHoleFindThePagesWritten()
    {
        using IGlusterVolume volume = NewVolume(out _);
        using IGlusterFile file = volume.Open("/sparse", GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create);
        file.WriteAt(new byte[4096], 0);
        file.WriteAt(new byte[4096], 1 << 20);
        Assert.Multiple(() =>
        {
            Assert.That(file.Seek(100, GlusterSeekOrigin.Hole), Is.EqualTo(4096));
            Assert.That(file.Seek(4096, GlusterSeekOrigin.Data), Is.EqualTo(1 << 20));
            Assert.That(file.Seek((1 << 20) + 10, GlusterSeekOrigin.Hole), Is.EqualTo((1 << 20) + 4096));
            Assert.That(file.Stat().Blocks, Is.EqualTo(24));
            Assert.That(() => file.Seek((1 << 20) + 4096, GlusterSeekOrigin.Data), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.ENXIO));
        });
    }

    [Test]
    public void ManyThreadsWritingTheirOwnFilesAndOneSharedFileStayConsistent()
    {
        EmulatedGlusterCluster cluster = NewCluster(out _);
        using IGlusterVolume volume = cluster.OpenVolume(Vol1);
        volume.CreateDirectory("/d");
        using IGlusterFile shared = volume.Open("/shared", GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create);
        const int threads = 8;
        const int filesPerThread = 200;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            // Each thread uses its own handle, as libgfapi callers would share one glfs_t or open several.
            using IGlusterVolume mine = cluster.OpenVolume(Vol1);
            byte[] record = Encoding.ASCII.GetBytes($"thread {t:D2}\n");
            for (int i = 0; i < filesPerThread; i++)
            {
                string path = $"/d/t{t}-f{i}";
                using (IGlusterFile file = mine.Open(path, GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Exclusive))
                {
                    file.Write(record);
                }

                shared.WriteAt(record, ((t * filesPerThread) + i) * (long)record.Length);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(volume.ListDirectory("/d"), Has.Count.EqualTo(threads * filesPerThread));
            Assert.That(volume.ReadAllBytes("/d/t3-f7"), Is.EqualTo(Encoding.ASCII.GetBytes("thread 03\n")));
            byte[] all = volume.ReadAllBytes("/shared");
            Assert.That(all, Has.Length.EqualTo(threads * filesPerThread * 10));
            Assert.That(Encoding.ASCII.GetString(all, 5 * filesPerThread * 10, 10), Is.EqualTo("thread 05\n"));
        });
    }

    [Test]
    public void ChainOf2048LinksResolvesAnd2049IsEloopEvenOnAThreadPoolThread()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.WriteAllBytes("/L0", [1]);
        for (int i = 1; i <= 2049; i++)
        {
            volume.Symlink($"L{i - 1}", $"/L{i}");
        }

        Task<GlusterStat> ok = Task.Run(() => volume.Stat("/L2048"));
        Task<GlusterStat> loop = Task.Run(() => volume.Stat("/L2049"));
        Assert.Multiple(() =>
        {
            Assert.That(ok.Result.Size, Is.EqualTo(1));
            var error = Assert.Throws<AggregateException>(() => loop.Wait())!.InnerException as StorageException;
            Assert.That(error?.Errno, Is.EqualTo(Errno.ELOOP));
        });
    }

    [Test]
    public void TimesComeFromTheClusterClock()
    {
        using IGlusterVolume volume = NewVolume(out FakeTimeProvider clock);
        volume.WriteAllBytes("/f", [1, 2, 3]);
        DateTimeOffset created = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(5));
        volume.Chmod("/f", (UnixFileMode)0x180);
        GlusterStat stat = volume.Stat("/f");
        Assert.Multiple(() =>
        {
            Assert.That(stat.ModificationTime, Is.EqualTo(created));
            Assert.That(stat.ChangeTime, Is.EqualTo(created + TimeSpan.FromMinutes(5)));
            Assert.That(volume.Stat("/").ModificationTime, Is.EqualTo(created));
        });
    }

    [Test]
    public void LinkCountsFollowNamesAndSubdirectories()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.CreateDirectory("/a");
        volume.CreateDirectory("/a/b");
        volume.CreateDirectory("/a/c");
        volume.WriteAllBytes("/a/f", [1]);
        volume.Link("/a/f", "/a/g");
        volume.Rename("/a/c", "/c");
        Assert.Multiple(() =>
        {
            Assert.That(volume.Stat("/a").LinkCount, Is.EqualTo(3));
            Assert.That(volume.Stat("/").LinkCount, Is.EqualTo(4));
            Assert.That(volume.Stat("/a/g").LinkCount, Is.EqualTo(2));
            Assert.That(volume.Stat("/").Inode, Is.EqualTo(1));
            Assert.That(volume.Stat("/a/g").Inode, Is.EqualTo(volume.Stat("/a/f").Inode));
        });
    }

    [Test]
    public void UnlinkedOpenFileKeepsItsDataUntilClosed()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.WriteAllBytes("/f", [1, 2, 3, 4]);
        using IGlusterFile file = volume.Open("/f", GlusterOpenFlags.ReadWrite);
        volume.Unlink("/f");
        file.WriteAt([9], 4);
        byte[] buffer = new byte[8];
        Assert.Multiple(() =>
        {
            Assert.That(file.ReadAt(buffer, 0), Is.EqualTo(5));
            Assert.That(buffer[..5], Is.EqualTo(new byte[] { 1, 2, 3, 4, 9 }));
            Assert.That(file.Stat().LinkCount, Is.Zero);
            Assert.That(volume.Exists("/f"), Is.False);
        });
    }

    [Test]
    public void WriteOnAReadOnlyFileFailsOnTheNextCallLikeWriteBehind()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.WriteAllBytes("/f", [1, 2, 3]);
        using IGlusterFile file = volume.Open("/f", GlusterOpenFlags.ReadOnly);
        Assert.Multiple(() =>
        {
            Assert.That(file.Write([7]), Is.EqualTo(1));
            Assert.That(() => file.Sync(), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.EBADF));
            Assert.That(() => file.Sync(), Throws.Nothing);
            Assert.That(volume.ReadAllBytes("/f"), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void DeferredWriteErrorReachesTheCallsWriteBehindOrders()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.WriteAllBytes("/f", [1, 2, 3]);
        using IGlusterFile file = volume.Open("/f", GlusterOpenFlags.ReadOnly);
        file.Write([7]);
        Assert.Multiple(() =>
        {
            Assert.That(file.Write([8]), Is.EqualTo(1), "writes are acknowledged");
            Assert.That(file.Seek(0, GlusterSeekOrigin.End), Is.EqualTo(3), "lseek does not report it");
            Assert.That(() => file.SetXattr("user.a", [1]), Throws.Nothing, "nor do the xattr calls");
            Assert.That(() => file.Chmod((UnixFileMode)0x1A4), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.EBADF));
            Assert.That(() => file.Stat(), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.EBADF));
            Assert.That(() => file.ReadAt(new byte[1], 0), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.EBADF));
            Assert.That(() => file.Sync(), Throws.InstanceOf<StorageException>().With.Property("Errno").EqualTo(Errno.EBADF));
            Assert.That(file.Stat().Size, Is.EqualTo(3), "fsync reported it, so it is gone");
        });
    }

    [Test]
    public void CallsThroughAnOpenFileAreNotPermissionChecked()
    {
        EmulatedGlusterCluster cluster = NewCluster(out _);
        using IGlusterVolume root = cluster.OpenVolume(Vol1);
        root.WriteAllBytes("/f", [1]);
        root.Chmod("/f", (UnixFileMode)0x1A4);
        using IGlusterVolume user = cluster.OpenVolume(Vol1);
        user.SetFsUid(1000);
        user.SetFsGid(1000);
        using IGlusterFile file = user.Open("/f", GlusterOpenFlags.ReadOnly);
        Assert.Multiple(() =>
        {
            Assert.That(() => user.Chmod("/f", (UnixFileMode)0x180), Throws.InstanceOf<StoragePermissionException>(), "through the path");
            Assert.That(() => file.SetXattr("user.x", [1]), Throws.Nothing);
            Assert.That(() => file.Chmod((UnixFileMode)0x180), Throws.Nothing);
            Assert.That(() => file.Chown(1000, 1000), Throws.Nothing);
            Assert.That(root.Stat("/f").UserId, Is.EqualTo(1000));
        });
    }

    [Test]
    public void DirectoryStreamResumesFromTell()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.CreateDirectory("/d");
        for (int i = 0; i < 5; i++)
        {
            volume.WriteAllBytes($"/d/f{i}", []);
        }

        using IGlusterDirectory directory = volume.OpenDirectory("/d");
        Assert.That(directory.Tell(), Is.Zero);
        var names = new List<string> { directory.ReadNext()!.Name, directory.ReadNext()!.Name, directory.ReadNext()!.Name };
        long position = directory.Tell();
        string next = directory.ReadNext()!.Name;
        volume.Unlink("/d/f0");
        directory.Seek(position);
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(FirstThree));
            Assert.That(directory.ReadNext()!.Name, Is.EqualTo(next));
            Assert.That(directory.Select(e => e.Name), Is.EqualTo(LastThree));
            Assert.That(directory.Tell(), Is.EqualTo(long.MaxValue));
        });
    }

    [Test]
    [NonParallelizable]
    public void SmallFileCreateWriteCloseIsCheap()
    {
        using IGlusterVolume volume = NewVolume(out _);
        volume.CreateDirectory("/bench");
        byte[] data = new byte[100];
        const int count = 20_000;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            using IGlusterFile file = volume.Open($"/bench/f{i}", GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create);
            file.Write(data);
        }

        watch.Stop();
        double micros = watch.Elapsed.TotalMilliseconds * 1000 / count;
        TestContext.Out.WriteLine($"{micros:F2} µs per small file");
        // Generous (shared, loaded machines; Debug builds): it catches per-create work that grows with the directory.
        Assert.That(micros, Is.LessThan(250), "create + write + close of a small file");
    }

    private static IGlusterVolume NewVolume(out FakeTimeProvider clock) => NewCluster(out clock).OpenVolume(Vol1);

    private static EmulatedGlusterCluster NewCluster(out FakeTimeProvider clock)
    {
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        var cluster = new EmulatedGlusterCluster(new EmulatorOptions { TimeProvider = clock });
        cluster.CreateVolume("vol1");
        return cluster;
    }

    private static (EmulatedGlusterCluster Cluster, GlusterStat Stat) WriteSparse(long size)
    {
        var cluster = new EmulatedGlusterCluster();
        cluster.CreateVolume("vol1");
        using IGlusterVolume volume = cluster.OpenVolume(Vol1);
        using IGlusterFile file = volume.Open("/big", GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create);
        file.WriteAt(new byte[1 << 20], 0);
        file.WriteAt([1], size);
        return (cluster, file.Stat());
    }
}
