using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Emulator.Rbd;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Tests;

/// <summary>Emulated images are sparse in memory: they keep only the objects written.</summary>
[NonParallelizable]
public sealed class EmulatedRbdMemoryTests
{
    private const long TiB = 1L << 40;
    private const int MiB = 1 << 20;

    [Test]
    public void OneTebibyteImageWithOneMebibyteWrittenRetainsAboutOneMebibyte()
    {
        // Warm up first, so type loading and JIT do not count as the image's memory.
        GC.KeepAlive(WriteImage(MiB, 4096));

        long before = GC.GetTotalMemory(forceFullCollection: true);
        EmulatedRadosCluster cluster = WriteImage(TiB, MiB);
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(cluster);

        TestContext.Out.WriteLine($"retained: {retained} bytes");
        Assert.That(retained, Is.LessThan(8L * MiB), "a 1 TiB image with 1 MiB written");
    }

    /// <summary>A fresh cluster holding one image of <paramref name="size"/> bytes with <paramref name="written"/> bytes written at its start.</summary>
    private static EmulatedRadosCluster WriteImage(long size, int written)
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("sparse");
        using IRadosIoContext io = client.OpenIoContext("sparse");
        IRbdClient rbd = EmulatedRbd.For(io);
        rbd.Create("image", size, 22);
        using IRbdImage image = rbd.Open("image");
        byte[] data = new byte[written];
        Random.Shared.NextBytes(data);
        Assert.That(image.Write(data, 0), Is.EqualTo(written));
        byte[] back = new byte[written];
        Assert.That(image.Read(back, 0), Is.EqualTo(written));
        Assert.That(back, Is.EqualTo(data));
        Assert.That(image.Stat().Size, Is.EqualTo(size));
        return cluster;
    }
}
