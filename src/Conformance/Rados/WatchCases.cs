using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>Watch/notify: delivery, acks and replies, timeouts, unwatch, broken watches, listing, flush.</summary>
[ConformanceArea("rados.watch")]
public static class WatchCases
{
    private static readonly TimeSpan ShortNotify = TimeSpan.FromSeconds(1);

    /// <summary>watching a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void WatchMissingObjectIsNotFound(RadosCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Watch(c.NewObjectName()), "watch2 on a missing object");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Watch(c.NewObjectName(), TimeSpan.FromSeconds(10)), "watch3 on a missing object");
    }

    /// <summary>notifying a missing object is ENOENT (sync and async).</summary>
    [ConformanceCase]
    public static void NotifyMissingObjectIsNotFound(RadosCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Notify(c.NewObjectName(), Bytes.Of("x")), "notify2 on a missing object");
        Check.Throws<StorageNotFoundException>(
            Errno.ENOENT, () => CheckTasks.Result(c.Io.NotifyAsync(c.NewObjectName(), Bytes.Of("x")), "aio_notify"), "aio_notify on a missing object");
    }

    /// <summary>a notify nobody watches completes at once with no acks and no timeouts.</summary>
    [ConformanceCase]
    public static void NotifyWithoutWatchersIsEmpty(RadosCaseContext c)
    {
        string oid = Existing(c);
        RadosNotifyResult result = c.Io.Notify(oid, Bytes.Of("hello"));
        Check.Equal(0, result.Acks.Count, "acks");
        Check.Equal(0, result.TimedOut.Count, "timeouts");
        Check.True(result.IsComplete, "complete");
        RadosNotifyResult async = CheckTasks.Result(c.Io.NotifyAsync(oid, Bytes.Of("hello")), "aio_notify");
        Check.Equal(0, async.Acks.Count + async.TimedOut.Count, "acks and timeouts of the async notify");
    }

    /// <summary>a watch receives the notifier's payload, id and its own watch id.</summary>
    [ConformanceCase]
    public static void WatchReceivesNotification(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        IRadosClient notifier = c.NewClient();
        using IRadosIoContext io = OpenLike(c, notifier);
        Task<RadosNotifyResult> pending = io.NotifyAsync(oid, Bytes.Of("payload"), TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        Check.Bytes(Bytes.Of("payload"), notification.Payload.Span, "payload");
        Check.Equal(notifier.GetInstanceId(), notification.NotifierId, "notifier id");
        Check.Equal(watch.Id, notification.WatchId, "watch id");
        notification.Ack();
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(1, result.Acks.Count, "acks");
    }

    /// <summary>an ack's reply reaches the notifier with the watcher's global id and the watch id.</summary>
    [ConformanceCase]
    public static void AckReplyReachesNotifier(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient watcher = c.NewClient();
        using IRadosIoContext watcherIo = OpenLike(c, watcher);
        using IRadosWatch watch = watcherIo.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("ping"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(watch.Notifications, "notification").Ack(Bytes.Of("pong"));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.True(result.IsComplete, "nobody timed out");
        Check.Equal(1, result.Acks.Count, "acks");
        Check.Equal(watcher.GetInstanceId(), result.Acks[0].WatcherId, "watcher id");
        Check.Equal(watch.Id, result.Acks[0].WatchId, "watch id");
        Check.Bytes(Bytes.Of("pong"), result.Acks[0].Reply.Span, "reply");
    }

    /// <summary>an ack without a reply is listed with an empty reply.</summary>
    [ConformanceCase]
    public static void AckWithoutReplyIsEmpty(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("ping"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(watch.Notifications, "notification").Ack();
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(1, result.Acks.Count, "acks");
        Check.Equal(0, result.Acks[0].Reply.Length, "reply length");
    }

    /// <summary>the synchronous notify returns once the watch acked (acked from another thread).</summary>
    [ConformanceCase]
    public static void SyncNotifyWaitsForAck(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task acker = AckAll(watch, Bytes.Of("ok"));
        RadosNotifyResult result = c.Io.Notify(oid, Bytes.Of("sync"), TimeSpan.FromSeconds(20));
        Check.Equal(1, result.Acks.Count, "acks");
        Check.Bytes(Bytes.Of("ok"), result.Acks[0].Reply.Span, "reply");
        watch.Unwatch();
        CheckTasks.Completes(acker, "acker ends after unwatch");
    }

    /// <summary>the notifier's own watch gets the notification; its ack carries the notifier's id.</summary>
    [ConformanceCase]
    public static void NotifierReceivesOwnNotification(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("self"), TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        Check.Equal(c.Client.GetInstanceId(), notification.NotifierId, "notifier id");
        notification.Ack(Bytes.Of("me"));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(c.Client.GetInstanceId(), result.Acks[0].WatcherId, "watcher id");
    }

    /// <summary>two clients watching both ack; each is listed once.</summary>
    [ConformanceCase]
    public static void TwoWatchersBothAck(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient first = c.NewClient();
        IRadosClient second = c.NewClient();
        using IRadosIoContext firstIo = OpenLike(c, first);
        using IRadosIoContext secondIo = OpenLike(c, second);
        using IRadosWatch a = firstIo.Watch(oid);
        using IRadosWatch b = secondIo.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("all"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(a.Notifications, "first notification").Ack(Bytes.Of("a"));
        CheckTasks.Next(b.Notifications, "second notification").Ack(Bytes.Of("b"));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Sequence(
            new[] { $"{first.GetInstanceId()}:{a.Id}:a", $"{second.GetInstanceId()}:{b.Id}:b" }.Order(StringComparer.Ordinal),
            result.Acks.Select(x => $"{x.WatcherId}:{x.WatchId}:{Text(x.Reply)}").Order(StringComparer.Ordinal),
            "acks");
    }

    /// <summary>two watches of one client are two watchers: both get the notify and both ack, sorted by watch id.</summary>
    [ConformanceCase]
    public static void TwoWatchesOfOneClientAckSeparately(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch a = c.Io.Watch(oid);
        using IRadosWatch b = c.Io.Watch(oid);
        Check.True(a.Id != b.Id, "watch ids differ");
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("both"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(a.Notifications, "first watch").Ack(Bytes.Of("a"));
        CheckTasks.Next(b.Notifications, "second watch").Ack(Bytes.Of("b"));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(2, result.Acks.Count, "acks");
        Check.True(result.Acks.All(x => x.WatcherId == c.Client.GetInstanceId()), "both acks come from this client");
        Check.Sequence(new[] { a.Id, b.Id }.Order(), result.Acks.Select(x => x.WatchId), "acks in watch id order");
    }

    /// <summary>a watch that does not ack times out the notify: the ack is still reported, the silent watch in TimedOut.</summary>
    [ConformanceCase]
    public static void SilentWatcherTimesOut(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient other = c.NewClient();
        using IRadosIoContext otherIo = OpenLike(c, other);
        using IRadosWatch acking = c.Io.Watch(oid);
        using IRadosWatch silent = otherIo.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("anyone?"), ShortNotify);
        CheckTasks.Next(acking.Notifications, "notification").Ack(Bytes.Of("here"));
        CheckTasks.Next(silent.Notifications, "silent watch's notification");
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.True(!result.IsComplete, "the notify timed out");
        Check.Equal(1, result.Acks.Count, "acks");
        Check.Bytes(Bytes.Of("here"), result.Acks[0].Reply.Span, "reply of the acking watch");
        Check.Sequence([new RadosNotifyTimeout(other.GetInstanceId(), silent.Id)], result.TimedOut, "timed out");
    }

    /// <summary>with only a silent watch the notify reports no acks and that watch timed out.</summary>
    [ConformanceCase]
    public static void OnlySilentWatcherTimesOut(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch silent = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), ShortNotify);
        CheckTasks.Next(silent.Notifications, "notification");
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(0, result.Acks.Count, "acks");
        Check.Sequence([new RadosNotifyTimeout(c.Client.GetInstanceId(), silent.Id)], result.TimedOut, "timed out");
    }

    /// <summary>an ack after the notify timed out is accepted and changes nothing.</summary>
    [ConformanceCase]
    public static void LateAckIsIgnored(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), ShortNotify);
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        Check.Equal(1, CheckTasks.Result(pending, "notify").TimedOut.Count, "timed out");
        notification.Ack(Bytes.Of("too late"));
        Check.True(watch.Check() >= TimeSpan.Zero, "the watch still works");
        Task<RadosNotifyResult> next = c.Io.NotifyAsync(oid, Bytes.Of("y"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(watch.Notifications, "next notification").Ack(Bytes.Of("on time"));
        Check.Bytes(Bytes.Of("on time"), CheckTasks.Result(next, "next notify").Acks[0].Reply.Span, "reply to the next notify");
    }

    /// <summary>when a watch acks twice the notifier keeps the first reply.</summary>
    [ConformanceCase]
    public static void SecondAckKeepsFirstReply(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        using IRadosWatch other = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        notification.Ack(Bytes.Of("first"));
        notification.Ack(Bytes.Of("second"));
        CheckTasks.Next(other.Notifications, "other notification").Ack();
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Bytes(Bytes.Of("first"), result.Acks.Single(a => a.WatchId == watch.Id).Reply.Span, "reply");
    }

    /// <summary>a 1 MiB ack reply and a 1 MiB payload travel intact.</summary>
    [ConformanceCase]
    public static void LargePayloadAndReply(RadosCaseContext c)
    {
        string oid = Existing(c);
        byte[] payload = Bytes.Pattern(1 << 20, seed: 3);
        byte[] reply = Bytes.Pattern(1 << 20, seed: 7);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, payload, TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        Check.Bytes(payload, notification.Payload.Span, "payload");
        notification.Ack(reply);
        Check.Bytes(reply, CheckTasks.Result(pending, "notify").Acks[0].Reply.Span, "reply");
    }

    /// <summary>an empty payload arrives empty.</summary>
    [ConformanceCase]
    public static void EmptyPayload(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, ReadOnlyMemory<byte>.Empty, TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        Check.Equal(0, notification.Payload.Length, "payload length");
        notification.Ack();
        CheckTasks.Result(pending, "notify");
    }

    /// <summary>notifications arrive in the order they were sent.</summary>
    [ConformanceCase]
    public static void NotificationsArriveInOrder(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        var pending = new List<Task<RadosNotifyResult>>();
        for (int i = 0; i < 5; i++)
        {
            pending.Add(c.Io.NotifyAsync(oid, Bytes.Of($"n{i}"), TimeSpan.FromSeconds(20)));
            RadosNotification notification = CheckTasks.Next(watch.Notifications, $"notification {i}");
            Check.Bytes(Bytes.Of($"n{i}"), notification.Payload.Span, $"payload {i}");
            notification.Ack();
        }

        foreach (Task<RadosNotifyResult> task in pending)
        {
            Check.Equal(1, CheckTasks.Result(task, "notify").Acks.Count, "acks");
        }
    }

    /// <summary>after unwatch no notify waits for the watch, and its notification stream ends.</summary>
    [ConformanceCase]
    public static void UnwatchStopsDelivery(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosWatch watch = c.Io.Watch(oid);
        watch.Unwatch();
        Check.True(CheckTasks.Completion(watch.Notifications, "notifications complete") is null, "notifications end without an error");
        Check.True(CheckTasks.Completion(watch.Errors, "errors complete") is null, "errors end without an error");
        RadosNotifyResult result = c.Io.Notify(oid, Bytes.Of("gone"), ShortNotify);
        Check.Equal(0, result.Acks.Count + result.TimedOut.Count, "acks and timeouts after unwatch");
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers after unwatch");
    }

    /// <summary>unwatch twice and dispose after unwatch are no-ops.</summary>
    [ConformanceCase]
    public static void UnwatchIsIdempotent(RadosCaseContext c)
    {
        IRadosWatch watch = c.Io.Watch(Existing(c));
        watch.Unwatch();
        watch.Unwatch();
        watch.Dispose();
        CheckTasks.Completes(watch.UnwatchAsync(), "unwatch_async after unwatch");
        CheckTasks.Completes(watch.DisposeAsync().AsTask(), "dispose_async after unwatch");
    }

    /// <summary>check and ack after unwatch are ObjectDisposedException (librados would read freed memory).</summary>
    [ConformanceCase]
    public static void CheckAndAckAfterUnwatchAreDisposed(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosWatch watch = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        watch.Unwatch();
        Check.ThrowsExactly<ObjectDisposedException>(() => watch.Check(), "watch_check after unwatch");
        Check.ThrowsExactly<ObjectDisposedException>(() => notification.Ack(), "notify_ack after unwatch");
        Check.Equal(0, CheckTasks.Result(pending, "notify").TimedOut.Count, "the unwatched watch is not waited for");
    }

    /// <summary>unwatch_async and dispose_async release the watch too.</summary>
    [ConformanceCase]
    public static void AsyncUnwatch(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosWatch first = c.Io.Watch(oid);
        IRadosWatch second = c.Io.Watch(oid);
        CheckTasks.Completes(first.UnwatchAsync(), "unwatch_async");
        CheckTasks.Completes(second.DisposeAsync().AsTask(), "dispose_async");
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers");
        Check.True(CheckTasks.Completion(first.Notifications, "notifications") is null, "notifications end");
    }

    /// <summary>the async notification stream ends when the watch is unwatched.</summary>
    [ConformanceCase]
    public static void NotificationStreamEndsAtUnwatch(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosWatch watch = c.Io.Watch(oid);
        Task<int> counted = CountAsync(watch);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), ShortNotify);
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        CheckTasks.Result(pending, "notify");
        watch.Unwatch();
        Check.Equal(1, CheckTasks.Result(counted, "stream"), "notifications seen by the stream");
    }

    /// <summary>right after watching, the watch was confirmed less than a second ago.</summary>
    [ConformanceCase]
    public static void CheckRightAfterWatch(RadosCaseContext c)
    {
        using IRadosWatch watch = c.Io.Watch(Existing(c));
        TimeSpan since = watch.Check();
        Check.True(since >= TimeSpan.Zero && since < TimeSpan.FromSeconds(1), $"confirmed {since} ago");
    }

    /// <summary>the time since confirmation never passes the 5 s confirmation interval (the client confirms every 5 s).</summary>
    [ConformanceCase]
    public static void CheckStaysWithinPingInterval(RadosCaseContext c)
    {
        using IRadosWatch watch = c.Io.Watch(Existing(c));
        c.Session.Elapse(TimeSpan.FromSeconds(2));
        TimeSpan since = watch.Check();
        Check.True(since >= TimeSpan.Zero && since <= TimeSpan.FromSeconds(5.5), $"confirmed {since} ago after 2 s");
    }

    /// <summary>removing the watched object breaks the watch: ENOTCONN on the error channel and from check; the stream ends with it.</summary>
    [ConformanceCase]
    public static void RemovingObjectBreaksWatch(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        c.Io.Remove(oid);
        StorageException error = CheckTasks.Next(watch.Errors, "watch error");
        Check.Equal(Errno.ENOTCONN, error.Errno, "error errno");
        Check.True(error is StorageNotConnectedException, $"error type {error.GetType().Name}");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => watch.Check(), "watch_check after the object was removed");
        Exception? end = CheckTasks.Completion(watch.Notifications, "notifications");
        Check.True(end is StorageNotConnectedException, $"the notification stream ends with ENOTCONN ({end?.GetType().Name ?? "no error"})");
        // The unwatch goes to the object, which is gone; the watch is released all the same.
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, watch.Unwatch, "unwatch after the object was removed");
        watch.Unwatch();
        Check.ThrowsExactly<ObjectDisposedException>(() => watch.Check(), "watch_check after that unwatch");
    }

    /// <summary>a re-created object has no watchers, and the broken watch stays broken.</summary>
    [ConformanceCase]
    public static void RecreatedObjectHasNoWatchers(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        c.Io.Remove(oid);
        CheckTasks.Next(watch.Errors, "watch error");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Notify(oid, Bytes.Of("x")), "notify of the removed object");
        c.Io.WriteFull(oid, Bytes.Of("again"));
        RadosNotifyResult result = c.Io.Notify(oid, Bytes.Of("x"), ShortNotify);
        Check.Equal(0, result.Acks.Count + result.TimedOut.Count, "acks and timeouts");
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => watch.Check(), "the old watch");
    }

    /// <summary>a watch timeout under the 5 s confirmation interval makes the OSD drop the watch (ENOTCONN).</summary>
    [ConformanceCase]
    public static void ShortWatchTimeoutBreaksWatch(RadosCaseContext c)
    {
        string oid = Existing(c);
        // A fresh connection, so its 5 s confirmation tick cannot come before the 2 s timeout.
        IRadosClient client = c.NewClient();
        using IRadosIoContext io = OpenLike(c, client);
        using IRadosWatch watch = io.Watch(oid, TimeSpan.FromSeconds(2));
        c.Session.Elapse(TimeSpan.FromSeconds(3));
        Check.Equal(Errno.ENOTCONN, CheckTasks.Next(watch.Errors, "watch error").Errno, "error");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => watch.Check(), "watch_check");
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers");
    }

    /// <summary>a client that shut down without unwatching stays a watcher, timing notifies out, until its watch timeout passes.</summary>
    [ConformanceCase]
    public static void ShutDownWatcherLingersUntilTimeout(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient client = c.NewClient();
        ulong clientId = client.GetInstanceId();
        IRadosIoContext io = OpenLike(c, client);
        IRadosWatch watch = io.Watch(oid, TimeSpan.FromSeconds(3));
        client.Shutdown();
        Check.Sequence([clientId], c.Io.ListWatchers(oid).Select(w => w.WatcherId), "watchers right after the shutdown");
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), ShortNotify);
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        Check.Sequence([new RadosNotifyTimeout(clientId, watch.Id)], CheckTasks.Result(pending, "notify").TimedOut, "timed out");
        c.Session.Elapse(TimeSpan.FromSeconds(2));
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers after the watch timeout");
        Check.Equal(0, c.Io.Notify(oid, Bytes.Of("x"), ShortNotify).TimedOut.Count, "timeouts after the watch timeout");
    }

    /// <summary>a watch that goes away during a notify is neither acked nor timed out: the notify then completes without error.</summary>
    [ConformanceCase]
    public static void WatchLeavingDuringNotify(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient client = c.NewClient();
        IRadosIoContext io = OpenLike(c, client);
        io.Watch(oid, TimeSpan.FromSeconds(2));
        client.Shutdown();
        // Under a second the timeout truncates to 0 s and the OSD waits its default 30 s, so the ghost watch
        // expiring after 2 s is what ends the notify.
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromMilliseconds(500));
        c.Session.Elapse(TimeSpan.FromSeconds(1));
        Check.True(!pending.IsCompleted, "still waiting after 1 s (a 500 ms timeout is no timeout)");
        c.Session.Elapse(TimeSpan.FromSeconds(1.5));
        RadosNotifyResult result = CheckTasks.Result(pending, "notify");
        Check.Equal(0, result.Acks.Count + result.TimedOut.Count, "acks and timeouts");
    }

    /// <summary>notify timeouts are whole seconds, truncated: 1.9 s times out after 1 s.</summary>
    [ConformanceCase]
    public static void NotifyTimeoutTruncatesToSeconds(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch silent = c.Io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromSeconds(1.9));
        CheckTasks.Next(silent.Notifications, "notification");
        c.Session.Elapse(TimeSpan.FromSeconds(1.4));
        Check.True(pending.IsCompleted, "completed 1.4 s into a 1.9 s timeout");
        Check.Equal(1, CheckTasks.Result(pending, "notify").TimedOut.Count, "timed out");
    }

    /// <summary>after the client shut down, check, unwatch and ack are ENOTCONN; dispose is quiet and the stream ends.</summary>
    [ConformanceCase]
    public static void WatchAfterShutdownIsNotConnected(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient client = c.NewClient();
        IRadosIoContext io = OpenLike(c, client);
        IRadosWatch watch = io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromSeconds(20));
        RadosNotification notification = CheckTasks.Next(watch.Notifications, "notification");
        notification.Ack();
        CheckTasks.Result(pending, "notify");
        client.Shutdown();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => watch.Check(), "watch_check");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => watch.Unwatch(), "unwatch2");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => notification.Ack(), "notify_ack");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.Watch(oid), "watch2 on the io context");
        watch.Dispose();
        Check.True(CheckTasks.Completion(watch.Notifications, "notifications") is null, "notifications end");
    }

    /// <summary>watchers list each watch with client id, watch id, address and timeout (30 s unless asked, rounded up to seconds).</summary>
    [ConformanceCase]
    public static void ListWatchersShowsWatches(RadosCaseContext c)
    {
        string oid = Existing(c);
        Check.Equal(0, c.Io.ListWatchers(oid).Count, "watchers before");
        using IRadosWatch plain = c.Io.Watch(oid);
        using IRadosWatch timed = c.Io.Watch(oid, TimeSpan.FromSeconds(44.2));
        var watchers = c.Io.ListWatchers(oid).OrderBy(w => w.WatchId).ToList();
        var expected = new[] { (plain.Id, TimeSpan.FromSeconds(30)), (timed.Id, TimeSpan.FromSeconds(45)) }.OrderBy(e => e.Item1).ToList();
        Check.Sequence(expected.Select(e => e.Item1), watchers.Select(w => w.WatchId), "watch ids");
        Check.Sequence(expected.Select(e => e.Item2), watchers.Select(w => w.Timeout), "timeouts");
        Check.True(watchers.All(w => w.WatcherId == c.Client.GetInstanceId()), "watcher ids");
        Check.True(watchers.All(w => w.Address.Contains(':', StringComparison.Ordinal) && w.Address.Contains('/', StringComparison.Ordinal)), $"addresses {string.Join(", ", watchers.Select(w => w.Address))}");
    }

    /// <summary>listing the watchers of a missing object is ENOENT.</summary>
    [ConformanceCase]
    public static void ListWatchersMissingObjectIsNotFound(RadosCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ListWatchers(c.NewObjectName()), "list_watchers on a missing object");

    /// <summary>after a flush, every notification the client received is on the channel.</summary>
    [ConformanceCase]
    public static void WatchFlushDeliversReceivedNotifications(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosClient watcher = c.NewClient();
        using IRadosIoContext io = OpenLike(c, watcher);
        using IRadosWatch watch = io.Watch(oid);
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("flush me"), ShortNotify);
        c.Session.Elapse(ShortNotify + TimeSpan.FromMilliseconds(300));
        CheckTasks.Result(pending, "notify");
        watcher.WatchFlush();
        Check.True(watch.Notifications.TryRead(out RadosNotification? notification), "a notification is readable right after the flush");
        Check.Bytes(Bytes.Of("flush me"), notification!.Payload.Span, "payload");
    }

    /// <summary>flushing watch callbacks before connecting is ENOTCONN (librados itself crashes).</summary>
    [ConformanceCase]
    public static void WatchFlushBeforeConnectIsNotConnected(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, client.WatchFlush, "watch_flush before connect");
    }

    /// <summary>a watch keeps working after the io context that made it changed namespace or was disposed.</summary>
    [ConformanceCase]
    public static void WatchOutlivesItsIoContext(RadosCaseContext c)
    {
        string oid = Existing(c);
        IRadosIoContext io = c.OpenIoContext();
        using IRadosWatch watch = io.Watch(oid);
        io.SetNamespace(c.Namespace + "-elsewhere");
        Task<RadosNotifyResult> first = c.Io.NotifyAsync(oid, Bytes.Of("1"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(watch.Notifications, "first").Ack(Bytes.Of("a1"));
        Check.Bytes(Bytes.Of("a1"), CheckTasks.Result(first, "first notify").Acks[0].Reply.Span, "ack after the namespace changed");
        io.Dispose();
        Task<RadosNotifyResult> second = c.Io.NotifyAsync(oid, Bytes.Of("2"), TimeSpan.FromSeconds(20));
        CheckTasks.Next(watch.Notifications, "second").Ack(Bytes.Of("a2"));
        Check.Bytes(Bytes.Of("a2"), CheckTasks.Result(second, "second notify").Acks[0].Reply.Span, "ack after the io context was disposed");
        Check.True(watch.Check() >= TimeSpan.Zero, "check still works");
    }

    /// <summary>watches live in a namespace: a notify to the same name elsewhere reaches nobody.</summary>
    [ConformanceCase]
    public static void NotifyIsPerNamespace(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch watch = c.Io.Watch(oid);
        using IRadosIoContext other = c.OpenIoContext(c.Namespace + "-b");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => other.Notify(oid, Bytes.Of("x")), "notify of the name in another namespace");
        other.WriteFull(oid, Bytes.Of("other"));
        RadosNotifyResult result = other.Notify(oid, Bytes.Of("x"), ShortNotify);
        Check.Equal(0, result.Acks.Count + result.TimedOut.Count, "nobody watches it there");
        Check.True(!watch.Notifications.TryRead(out _), "the watch got nothing");
    }

    /// <summary>cancelling notify_async stops the wait with TaskCanceledException.</summary>
    [ConformanceCase]
    public static void CancelledNotifyAsync(RadosCaseContext c)
    {
        string oid = Existing(c);
        using IRadosWatch silent = c.Io.Watch(oid);
        using var cancellation = new CancellationTokenSource();
        Task<RadosNotifyResult> pending = c.Io.NotifyAsync(oid, Bytes.Of("x"), TimeSpan.FromSeconds(20), cancellation.Token);
        CheckTasks.Next(silent.Notifications, "notification");
        cancellation.Cancel();
        Check.ThrowsExactly<TaskCanceledException>(() => CheckTasks.Result(pending, "notify"), "awaiting the cancelled notify");
        Check.ThrowsExactly<TaskCanceledException>(
            () => CheckTasks.Result(c.Io.NotifyAsync(oid, Bytes.Of("x"), null, cancellation.Token), "notify"), "a notify with a cancelled token");
    }

    /// <summary>negative watch and notify timeouts are rejected before any I/O.</summary>
    [ConformanceCase]
    public static void NegativeTimeoutsAreArgumentErrors(RadosCaseContext c)
    {
        string oid = Existing(c);
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.Watch(oid, TimeSpan.FromSeconds(-1)), "watch timeout -1 s");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.Notify(oid, Bytes.Of("x"), TimeSpan.FromSeconds(-1)), "notify timeout -1 s");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Watch(null!), "null object name");
    }

    private static string Existing(RadosCaseContext c)
    {
        string oid = c.NewObjectName("watched");
        c.Io.WriteFull(oid, Bytes.Of("watched"));
        return oid;
    }

    /// <summary>An io context of another client on the case's pool and namespace.</summary>
    private static IRadosIoContext OpenLike(RadosCaseContext c, IRadosClient client)
    {
        IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        return io;
    }

    private static async Task AckAll(IRadosWatch watch, byte[] reply)
    {
        await foreach (RadosNotification notification in watch.ReadNotificationsAsync().ConfigureAwait(false))
        {
            notification.Ack(reply);
        }
    }

    private static async Task<int> CountAsync(IRadosWatch watch)
    {
        int count = 0;
        await foreach (RadosNotification notification in watch.ReadNotificationsAsync().ConfigureAwait(false))
        {
            _ = notification;
            count++;
        }

        return count;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);
}
