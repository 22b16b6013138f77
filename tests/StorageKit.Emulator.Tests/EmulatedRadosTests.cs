using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

[assembly: Parallelizable(ParallelScope.Fixtures)]

namespace StorageKit.Emulator.Tests;

/// <summary>Emulator-only behaviour: injected time, pool lifetime, concurrency. What both implementations share is in the conformance suite.</summary>
public sealed class EmulatedRadosTests
{
    private static (EmulatedRadosCluster Cluster, IRadosClient Client, IRadosIoContext Io) Start(TimeProvider? time = null)
    {
        var cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = time ?? TimeProvider.System });
        IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        return (cluster, client, client.OpenIoContext("p"));
    }

    [Test]
    public void MtimeComesFromTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var (_, client, io) = Start(clock);
        using (client)
        using (io)
        {
            io.WriteFull("o", [1]);
            Assert.That(io.Stat("o").ModifiedTime, Is.EqualTo(clock.GetUtcNow()));
            clock.Advance(TimeSpan.FromHours(1));
            Assert.That(io.Stat("o").ModifiedTime, Is.EqualTo(clock.GetUtcNow() - TimeSpan.FromHours(1)), "a read does not touch mtime");
            io.SetXattr("o", "a", [2]);
            Assert.That(io.Stat("o").ModifiedTime, Is.EqualTo(clock.GetUtcNow()));
        }
    }

    [Test]
    public void ClientsOfOneClusterShareObjects()
    {
        var (cluster, client, io) = Start();
        using IRadosClient second = cluster.Connect();
        using IRadosIoContext otherIo = second.OpenIoContext("p");
        io.WriteFull("o", Encoding.UTF8.GetBytes("hi"));
        Assert.That(otherIo.ReadAll("o"), Is.EqualTo(Encoding.UTF8.GetBytes("hi")));
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void SeparateClustersAreIsolated()
    {
        var (_, client, io) = Start();
        var (_, otherClient, otherIo) = Start();
        io.WriteFull("o", [1]);
        Assert.That(() => otherIo.Stat("o"), Throws.TypeOf<StorageNotFoundException>());
        io.Dispose();
        otherIo.Dispose();
        client.Dispose();
        otherClient.Dispose();
    }

    [Test]
    public void DeletedPoolFailsItsIoContextsWithNotFound()
    {
        var (_, client, io) = Start();
        io.WriteFull("o", [1]);
        client.DeletePool("p");
        var ex = Assert.Throws<StorageNotFoundException>(() => io.Stat("o"));
        Assert.That(ex!.Errno, Is.EqualTo(Errno.ENOENT));
        client.CreatePool("p");
        using IRadosIoContext fresh = client.OpenIoContext("p");
        Assert.That(() => fresh.Stat("o"), Throws.TypeOf<StorageNotFoundException>(), "a new pool of the same name starts empty");
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void ConcurrentAppendsAreAtomic()
    {
        var (_, client, io) = Start();
        const int writers = 8, appends = 200;
        Parallel.For(0, writers, w =>
        {
            for (int i = 0; i < appends; i++)
            {
                io.Append("log", [(byte)w, (byte)w, (byte)w, (byte)w]);
            }
        });
        byte[] data = io.ReadAll("log");
        Assert.That(data, Has.Length.EqualTo(writers * appends * 4));
        for (int i = 0; i < data.Length; i += 4)
        {
            Assert.That(data.AsSpan(i, 4).ToArray(), Is.All.EqualTo(data[i]), $"record at {i} is not torn");
        }

        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void WritesBeyondMaxObjectSizeAreTooBig()
    {
        var (_, client, io) = Start();
        var ex = Assert.Throws<StorageException>(() => io.Write("o", [1], RadosLimits.MaxObjectSize));
        Assert.That(ex!.Errno, Is.EqualTo(Errno.EFBIG));
        Assert.That(() => io.Stat("o"), Throws.TypeOf<StorageNotFoundException>(), "a failed write creates nothing");
        io.Dispose();
        client.Dispose();
    }

    [Test]
    public void OmapKeysSortAsUtf8Bytes()
    {
        string[] keys = ["\uFF21", "\U0001F600", "a", "\u00e9"];
        var sorted = keys.Order(Utf8OrdinalComparer.Instance).ToArray();
        var byBytes = keys.OrderBy(k => Convert.ToHexString(Encoding.UTF8.GetBytes(k)), StringComparer.Ordinal).ToArray();
        Assert.That(sorted, Is.EqualTo(byBytes));
    }

    [Test]
    public void ListingTokenIsThePlacementGroupOfTheNextEntry()
    {
        var (_, client, io) = Start();
        for (int i = 0; i < 50; i++)
        {
            io.WriteFull($"o{i}", [1]);
        }

        using IRadosObjectIterator iterator = io.OpenObjectIterator();
        uint previous = 0;
        while (iterator.MoveNext())
        {
            Assert.That(iterator.Token, Is.GreaterThanOrEqualTo(previous), "tokens never go backwards");
            previous = iterator.Token;
        }

        Assert.That(iterator.Token, Is.EqualTo(EmulatedPool.PgCount), "the end token is past the last group");
        io.Dispose();
        client.Dispose();
    }
}
