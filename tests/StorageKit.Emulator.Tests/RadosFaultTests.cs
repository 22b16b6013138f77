using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Emulator.Tests;

/// <summary>Fault injection of the emulated cluster: failures, delays on the injected clock, lost connections.</summary>
public sealed class RadosFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private FakeTimeProvider _clock = null!;
    private EmulatedRadosCluster _cluster = null!;
    private IRadosClient _client = null!;
    private IRadosIoContext _io = null!;

    private RadosFaultInjector Faults => _cluster.Faults;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = _clock });
        _client = _cluster.Connect();
        _client.CreatePool("p");
        _io = _client.OpenIoContext("p");
        _io.WriteFull("a", "A"u8);
    }

    [TearDown]
    public void TearDown()
    {
        // Never leave a delayed call behind, whatever the test did.
        Faults.Reset();
        _io.Dispose();
        _client.Dispose();
    }

    [Test]
    public void FailNextFailsTheNextMatchingCallsOnlyAndChangesNothing()
    {
        Faults.FailNext(2, Errno.EIO, new RadosFaultFilter { Kinds = RadosOperationKind.Write });
        Assert.That(Faults.PendingFaults, Is.EqualTo(2));
        Assert.That(_io.ReadAll("a"), Is.EqualTo("A"u8.ToArray()), "reads are not writes");

        var first = Assert.Throws<StorageException>(() => _io.WriteFull("a", "B"u8));
        Assert.That(first!.Errno, Is.EqualTo(Errno.EIO));
        Assert.That(first.Operation, Is.EqualTo("rados_write_full"));
        Assert.That(first.Target, Is.EqualTo("a"));
        Assert.That(() => _io.SetXattr("a", "x", "1"u8), Throws.TypeOf<StorageException>().With.Property(nameof(StorageException.Errno)).EqualTo(Errno.EIO));
        Assert.That(Faults.PendingFaults, Is.Zero);

        Assert.That(_io.ReadAll("a"), Is.EqualTo("A"u8.ToArray()), "failed writes changed nothing");
        Assert.That(_io.GetXattrs("a"), Is.Empty);
        _io.WriteFull("a", "C"u8);
        Assert.That(_io.ReadAll("a"), Is.EqualTo("C"u8.ToArray()), "the third write works");
    }

    [Test]
    public void InjectedErrnosRaiseTheTypedExceptions()
    {
        Faults.FailNext(1, Errno.ENOENT);
        Faults.FailNext(1, Errno.ETIMEDOUT);
        Faults.FailNext(1, Errno.EBUSY);
        Assert.That(() => _io.Stat("a"), Throws.TypeOf<StorageNotFoundException>());
        Assert.That(() => _io.Stat("a"), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _io.Stat("a"), Throws.TypeOf<StorageBusyException>());
        Assert.That(_io.Stat("a").Size, Is.EqualTo(1));
    }

    [Test]
    public void ObjectGlobMatchesWholeNames()
    {
        Faults.FailNext(10, Errno.EIO, new RadosFaultFilter { ObjectName = "img.?.*" });
        _io.WriteFull("img.1", "x"u8);
        _io.WriteFull("ximg.1.data", "x"u8);
        Assert.That(() => _io.WriteFull("img.1.data", "x"u8), Throws.InstanceOf<StorageException>());
        Assert.That(() => _io.Stat("img.2.header"), Throws.InstanceOf<StorageException>());
        Assert.That(() => _io.ListObjects().ToList(), Throws.Nothing, "calls without an object never match an object filter");
        Assert.That(Faults.PendingFaults, Is.EqualTo(8));
    }

    [Test]
    public void PredicatePoolOperationAndClientFiltersMustAllMatch()
    {
        _client.CreatePool("q");
        using IRadosIoContext other = _client.OpenIoContext("q");
        using IRadosClient second = _cluster.Connect();
        using IRadosIoContext secondIo = second.OpenIoContext("p");
        Faults.FailNext(5, Errno.EACCES, new RadosFaultFilter
        {
            Pool = "p",
            ObjectPredicate = name => name.StartsWith('a'),
            Operation = "rados_read",
            Client = _client,
        });

        other.WriteFull("a", "x"u8);
        Assert.That(other.ReadAll("a"), Is.EqualTo("x"u8.ToArray()), "another pool");
        Assert.That(secondIo.ReadAll("a"), Is.EqualTo("A"u8.ToArray()), "another client");
        Assert.That(_io.Stat("a").Size, Is.EqualTo(1), "another operation");
        _io.WriteFull("b", "B"u8);
        Assert.That(_io.ReadAll("b"), Is.EqualTo("B"u8.ToArray()), "the predicate says no");
        Assert.That(() => _io.ReadAll("a"), Throws.TypeOf<StoragePermissionException>());
    }

    [Test]
    public void ListingAndMetadataKinds()
    {
        Faults.FailNext(1, Errno.EIO, new RadosFaultFilter { Kinds = RadosOperationKind.Listing });
        using (IRadosObjectIterator iterator = _io.OpenObjectIterator())
        {
            var ex = Assert.Throws<StorageException>(() => iterator.MoveNext());
            Assert.That(ex!.Operation, Is.EqualTo("rados_nobjects_list_next2"));
            Assert.That(iterator.MoveNext(), Is.True, "the next page comes");
        }

        Faults.FailNext(1, Errno.EPERM, new RadosFaultFilter { Kinds = RadosOperationKind.Metadata, Pool = "new" });
        Assert.That(() => _client.CreatePool("new"), Throws.TypeOf<StoragePermissionException>().With.Property(nameof(StorageException.Operation)).EqualTo("rados_pool_create"));
        Assert.That(_client.ListPools(), Does.Not.Contain("new"));
        _client.CreatePool("new");

        Faults.FailNext(1, Errno.EIO, new RadosFaultFilter { Kinds = RadosOperationKind.Metadata });
        Assert.That(() => _io.CreateSnapshot("s"), Throws.InstanceOf<StorageException>());
        Assert.That(() => _io.LookupSnapshot("s"), Throws.TypeOf<StorageNotFoundException>(), "the snapshot was not made");
    }

    [Test]
    public void CallsThatStayInTheClientAreNeverFaulted()
    {
        _io.CreateSnapshot("s");
        Faults.FailNext(100, Errno.EIO);
        Faults.DropConnection(_client);
        _io.SetNamespace("ns");
        _io.SetLocatorKey("");
        _io.SetNamespace("");
        _ = _io.LastVersion;
        ulong id = _io.LookupSnapshot("s");
        Assert.That(_io.ListSnapshots(), Is.EqualTo(new[] { id }));
        Assert.That(_io.GetSnapshotName(id), Is.EqualTo("s"));
        _io.SetReadSnapshot(id);
        _io.SetSelfManagedSnapshotWriteContext(0, []);
        using IRadosObjectIterator iterator = _io.OpenObjectIterator();
        iterator.Seek(0);
        Assert.That(Faults.PendingFaults, Is.EqualTo(100));
    }

    [Test]
    public void ClientSideChecksComeBeforeFaults()
    {
        IRadosIoContext disposed = _client.OpenIoContext("p");
        disposed.Dispose();
        Faults.FailNext(100, Errno.EIO);
        Assert.That(() => _io.Stat(null!), Throws.ArgumentNullException);
        _io.SetReadSnapshot(5);
        Assert.That(() => _io.WriteFull("a", "x"u8), Throws.TypeOf<StorageException>().With.Property(nameof(StorageException.Errno)).EqualTo(Errno.EROFS));
        Assert.That(() => disposed.Stat("a"), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(Faults.PendingFaults, Is.EqualTo(100), "none of them reached the cluster");
    }

    [Test]
    public void DelayWaitsForTheFakeClockAndHoldsNoLock()
    {
        Faults.DelayNext(1, TimeSpan.FromSeconds(5), new RadosFaultFilter { Kinds = RadosOperationKind.Read });
        Task<byte[]> read = Task.Run(() => _io.ReadAll("a"));
        Assert.That(SpinWait.SpinUntil(() => Faults.DelayedCalls == 1, Patience), Is.True, "the read is waiting");

        _io.WriteFull("b", "B"u8);
        Assert.That(_io.ReadAll("b"), Is.EqualTo("B"u8.ToArray()), "other calls go on meanwhile");
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That(read.IsCompleted, Is.False, "4 of 5 seconds passed");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(read.Wait(Patience), Is.True);
        Assert.That(read.Result, Is.EqualTo("A"u8.ToArray()));
        Assert.That(Faults.DelayedCalls, Is.Zero);
    }

    [Test]
    public void DelayedCallCanFailAfterwards()
    {
        Faults.DelayNext(1, TimeSpan.FromSeconds(30));
        Faults.FailNext(1, Errno.ETIMEDOUT);
        Task stat = Task.Run(() => _io.Stat("a"));
        Assert.That(SpinWait.SpinUntil(() => Faults.DelayedCalls == 1, Patience), Is.True);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var ex = Assert.Throws<AggregateException>(() => stat.Wait(Patience));
        Assert.That(ex!.InnerException, Is.TypeOf<StorageTimeoutException>());
    }

    [Test]
    public void ResetReleasesCallsNobodyWouldWakeUp()
    {
        Faults.DelayNext(2, TimeSpan.FromDays(1));
        Task first = Task.Run(() => _io.Stat("a"));
        Task second = Task.Run(() => _io.ReadAll("a"));
        Assert.That(SpinWait.SpinUntil(() => Faults.DelayedCalls == 2, Patience), Is.True);
        Faults.Reset();
        Assert.That(Task.WaitAll([first, second], Patience), Is.True);
        Assert.That(Faults.PendingFaults, Is.Zero);
    }

    [Test]
    public void DelayOnTheSystemClockIsARealWait()
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        cluster.Faults.DelayNext(1, TimeSpan.FromMilliseconds(200), new RadosFaultFilter { Operation = "rados_pool_list" });
        long start = TimeProvider.System.GetTimestamp();
        client.ListPools();
        Assert.That(TimeProvider.System.GetElapsedTime(start), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)));
    }

    [Test]
    public void DroppedConnectionTimesOutEveryClusterCallOfThatClient()
    {
        using IRadosClient second = _cluster.Connect();
        using IRadosIoContext secondIo = second.OpenIoContext("p");
        IRadosObjectIterator iterator = _io.OpenObjectIterator();
        Faults.DropConnection(_client);

        Assert.That(() => _io.ReadAll("a"), Throws.TypeOf<StorageTimeoutException>().With.Property(nameof(StorageException.Errno)).EqualTo(Errno.ETIMEDOUT));
        Assert.That(() => _io.WriteFull("a", "x"u8), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => iterator.MoveNext(), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _client.CreatePool("q"), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _client.GetClusterStats(), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _io.GetPoolStats(), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _io.CreateSelfManagedSnapshot(), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(_client.ListPools(), Does.Contain("p"), "answered from the cached OSD map");
        Assert.That(_client.LookupPool("p"), Is.EqualTo(_io.PoolId), "answered from the cached OSD map");
        _client.OpenIoContext("p").Dispose();
        Assert.That(_client.IsConnected, Is.True, "librados does not notice either");
        Assert.That(secondIo.ReadAll("a"), Is.EqualTo("A"u8.ToArray()), "another client is fine");

        Faults.RestoreConnection(_client);
        Assert.That(_io.ReadAll("a"), Is.EqualTo("A"u8.ToArray()));
        Assert.That(iterator.MoveNext(), Is.True);
        iterator.Dispose();
    }

    [Test]
    public void DropAllConnectionsReachesNewClientsUntilReset()
    {
        Faults.DropAllConnections();
        using IRadosClient later = _cluster.Connect();
        using IRadosIoContext laterIo = later.OpenIoContext("p");
        Assert.That(() => laterIo.Stat("a"), Throws.TypeOf<StorageTimeoutException>());
        Assert.That(() => _io.Stat("a"), Throws.TypeOf<StorageTimeoutException>());
        Faults.Reset();
        Assert.That(laterIo.Stat("a").Size, Is.EqualTo(1));
    }

    [Test]
    public void BlocklistedClientCannotTouchObjectsButStillListsAndManagesPools()
    {
        Faults.Blocklist(_client);
        Assert.That(() => _io.ReadAll("a"), Throws.TypeOf<StorageNotConnectedException>().With.Property(nameof(StorageException.Errno)).EqualTo(Errno.ESHUTDOWN));
        Assert.That(() => _io.WriteFull("a", "x"u8), Throws.TypeOf<StorageNotConnectedException>());
        Assert.That(() => _io.Stat("a"), Throws.TypeOf<StorageNotConnectedException>());
        Assert.That(_io.ListObjects().Select(e => e.Name).Single(), Is.EqualTo("a"));
        _client.CreatePool("q");
        _io.CreateSnapshot("s");
        Faults.RestoreConnection(_client);
        Assert.That(_io.ReadAll("a"), Is.EqualTo("A"u8.ToArray()));
    }

    [Test]
    public void ConcurrentCallsConsumeExactlyTheInjectedCount()
    {
        Faults.FailNext(100, Errno.EIO, new RadosFaultFilter { Kinds = RadosOperationKind.Read });
        int failures = 0;
        Parallel.For(0, 1000, _ =>
        {
            try
            {
                _io.Stat("a");
            }
            catch (StorageException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.That(failures, Is.EqualTo(100));
        Assert.That(Faults.PendingFaults, Is.Zero);
    }

    [Test]
    public void InvalidRulesAreRejected()
    {
        Assert.That(() => Faults.FailNext(0, Errno.EIO), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Faults.FailNext(1, Errno.None), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Faults.DelayNext(1, TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Faults.DropConnection(null!), Throws.ArgumentNullException);
    }
}
