using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// Header watchers and update callbacks, measured on a real Ceph 16 cluster (docs/native-probe-results.md,
/// "RBD locks, watchers, async I/O"). Callbacks are awaited through task completion sources with a bounded wait.
/// </summary>
[ConformanceArea("rbd.watchers")]
public static class WatcherCases
{
    /// <summary>each writable handle watches the header; read-only handles do not; a closed handle's watch goes away.</summary>
    [ConformanceCase]
    public static void WatchersFollowWritableHandles(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        Check.Equal(1, a.ListWatchers().Count, "one handle");
        using (var b = s.Rbd.Open(name))
        {
            var watchers = a.ListWatchers();
            Check.Equal(2, watchers.Count, "two handles");
            Check.True(watchers[0].Cookie != watchers[1].Cookie, "distinct watches");
            Check.True(watchers.All(w => w.Address.Length > 0 && w.Id > 0), "address and id");
            Check.Equal(1, watchers.Select(w => w.Id).Distinct().Count(), "one client");
        }

        using var readOnly = s.Rbd.Open(name, null, readOnly: true);
        Check.Equal(1, readOnly.ListWatchers().Count, "read-only handle not watching, closed one gone");
    }

    /// <summary>the watchers listed are the header's RADOS watchers.</summary>
    [ConformanceCase]
    public static void WatchersAreHeaderWatches(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        var watcher = image.ListWatchers().Single();
        var raw = s.Io.ListWatchers("rbd_header." + image.Id).Single();
        Check.Equal(raw.WatchId, watcher.Cookie, "cookie");
        Check.Equal((long)raw.WatcherId, watcher.Id, "id");
    }

    private static TaskCompletionSource Fired(IRbdImage image, out IDisposable subscription)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription = image.WatchUpdates(() => fired.TrySetResult());
        return fired;
    }

    /// <summary>a resize by another handle fires the update callback.</summary>
    [ConformanceCase]
    public static void ResizeByOtherHandleFires(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        var fired = Fired(b, out var subscription);
        using (subscription)
        {
            a.Resize(32768);
            CheckTasks.Completes(fired.Task, "update callback");
            Check.Equal(32768L, b.Size, "b sees the new size");
        }
    }

    /// <summary>a snapshot taken by another handle fires the update callback.</summary>
    [ConformanceCase]
    public static void SnapshotByOtherHandleFires(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        var fired = Fired(b, out var subscription);
        using (subscription)
        {
            a.CreateSnapshot("s1");
            CheckTasks.Completes(fired.Task, "update callback");
        }

        a.RemoveSnapshot("s1");
    }

    /// <summary>the handle's own resize fires its update callback.</summary>
    [ConformanceCase]
    public static void OwnResizeFires(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var a = s.Rbd.Open(s.NewImage(16384));
        var fired = Fired(a, out var subscription);
        using (subscription)
        {
            a.Resize(8192);
            CheckTasks.Completes(fired.Task, "update callback");
        }
    }

    /// <summary>an advisory lock taken by another handle fires the update callback.</summary>
    [ConformanceCase]
    public static void AdvisoryLockFires(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        var fired = Fired(b, out var subscription);
        using (subscription)
        {
            a.LockExclusive("x");
            CheckTasks.Completes(fired.Task, "update callback");
        }
    }

    /// <summary>a header watcher receives librbd's header-update message on resize (notify op 3 in a version 7/1 struct).</summary>
    [ConformanceCase]
    public static void ResizeNotifiesTheHeader(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        using var watch = s.Io.Watch("rbd_header." + image.Id);
        // librbd waits for the acks (up to 5 s): acknowledge as the notification arrives.
        var received = watch.Notifications.ReadAsync().AsTask().ContinueWith(
            t =>
            {
                t.Result.Ack();
                return t.Result;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        image.Resize(8192);
        var notification = CheckTasks.Result(received, "notification");
        Check.Bytes(new byte[] { 7, 1, 4, 0, 0, 0, 3, 0, 0, 0 }, notification.Payload.Span, "payload");
    }

    /// <summary>update watches are dropped with the handle; the callback must not be null.</summary>
    [ConformanceCase]
    public static void WatchUpdatesArguments(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var image = s.Rbd.Open(s.NewImage(16384));
        Check.ThrowsExactly<ArgumentNullException>(() => image.WatchUpdates(null!), "null");
        var subscription = image.WatchUpdates(() => { });
        image.Dispose();
        subscription.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => image.WatchUpdates(() => { }), "disposed");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.ListWatchers(), "disposed list");
    }

    /// <summary>removing a snapshot by another handle fires the update callback.</summary>
    [ConformanceCase]
    public static void SnapshotRemoveFires(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var a = s.Rbd.Open(name);
        using var b = s.Rbd.Open(name);
        a.CreateSnapshot("s1");
        var fired = Fired(b, out var subscription);
        using (subscription)
        {
            a.RemoveSnapshot("s1");
            CheckTasks.Completes(fired.Task, "update callback");
        }
    }
}
