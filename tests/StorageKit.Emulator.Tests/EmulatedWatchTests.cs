using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Emulator.Tests;

/// <summary>Emulator-only watch/notify behaviour on a fake clock: timeouts fire exactly when time is advanced.</summary>
public sealed class EmulatedWatchTests
{
    [Test]
    public async Task NotifyTimesOutWhenTheClockPassesTheTimeout()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = clock });
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.WriteFull("o", [1]);
        await using IRadosWatch watch = io.Watch("o");

        Task<RadosNotifyResult> pending = io.NotifyAsync("o", "x"u8.ToArray(), TimeSpan.FromSeconds(5));
        await watch.Notifications.ReadAsync();
        clock.Advance(TimeSpan.FromSeconds(4.999));
        Assert.That(pending.IsCompleted, Is.False, "not before the timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        RadosNotifyResult result = await pending;
        Assert.That(result.TimedOut, Has.Count.EqualTo(1));
        Assert.That(result.TimedOut[0].WatchId, Is.EqualTo(watch.Id));
    }

    [Test]
    public async Task DefaultNotifyTimeoutIsTenSeconds()
    {
        var clock = new FakeTimeProvider();
        var cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = clock });
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.WriteFull("o", [1]);
        using IRadosWatch watch = io.Watch("o");
        Task<RadosNotifyResult> pending = io.NotifyAsync("o", "x"u8.ToArray());
        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.That(pending.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.That((await pending).IsComplete, Is.False);
    }

    [Test]
    public void DeliveryIsAsynchronous()
    {
        var cluster = new EmulatedRadosCluster();
        using IRadosClient client = cluster.Connect();
        client.CreatePool("p");
        using IRadosIoContext io = client.OpenIoContext("p");
        io.WriteFull("o", [1]);
        using IRadosWatch watch = io.Watch("o");
        int notifyingThread = Environment.CurrentManagedThreadId;
        int deliveringThread = 0;
        Task reader = Task.Run(async () =>
        {
            RadosNotification notification = await watch.Notifications.ReadAsync();
            deliveringThread = Environment.CurrentManagedThreadId;
            notification.Ack("ok"u8);
        });
        RadosNotifyResult result = io.Notify("o", "x"u8, TimeSpan.FromSeconds(30));
        reader.GetAwaiter().GetResult();
        Assert.That(result.Acks.Single().Reply.ToArray(), Is.EqualTo("ok"u8.ToArray()));
        Assert.That(deliveringThread, Is.Not.EqualTo(notifyingThread));
    }
}
