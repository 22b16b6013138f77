using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

public sealed partial class EmulatedRadosClient
{
    // The client's callback queue (librados' finisher): watch notifications and errors run here one at a
    // time, in order, on the thread pool, never on the thread that caused them.
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _callbacks = new();
    private readonly object _callbackGate = new();
    private readonly HashSet<EmulatedWatch> _watches = [];
    private int _pendingCallbacks;
    private bool _callbackWorkerRunning;

    /// <summary>Who this client is to the OSDs: its global id and address nonce.</summary>
    internal EmulatedCaller Caller => new(_instanceId, unchecked((uint)(_instanceId * 2654435761UL)));

    /// <inheritdoc />
    public void WatchFlush()
    {
        // librados crashes (SIGSEGV) when flushing an unconnected handle; both implementations answer ENOTCONN.
        RequireConnected("rados_watch_flush");
        WaitForCallbacks();
    }

    /// <summary>Waits until every callback queued so far ran (never call it from a callback).</summary>
    internal void WaitForCallbacks()
    {
        lock (_callbackGate)
        {
            while (_pendingCallbacks > 0)
            {
                Monitor.Wait(_callbackGate);
            }
        }
    }

    /// <summary>Queues a watch callback; it runs after every callback queued before it.</summary>
    internal void QueueCallback(Action callback)
    {
        bool startWorker;
        lock (_callbackGate)
        {
            _pendingCallbacks++;
            _callbacks.Enqueue(callback);
            startWorker = !_callbackWorkerRunning;
            _callbackWorkerRunning = true;
        }

        if (startWorker)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static client => client.RunCallbacks(), this, preferLocal: false);
        }
    }

    internal void TrackWatch(EmulatedWatch watch)
    {
        lock (_callbackGate)
        {
            _watches.Add(watch);
        }
    }

    internal void ForgetWatch(EmulatedWatch watch)
    {
        lock (_callbackGate)
        {
            _watches.Remove(watch);
        }
    }

    /// <summary>Shutdown without unwatching: the watches stay on the OSD, unconfirmed, until they time out.</summary>
    private void OnShutDown()
    {
        EmulatedWatch[] watches;
        lock (_callbackGate)
        {
            watches = [.. _watches];
            _watches.Clear();
        }

        foreach (EmulatedWatch watch in watches)
        {
            watch.Disconnect();
        }
    }

    private void RunCallbacks()
    {
        while (true)
        {
            Action? callback;
            lock (_callbackGate)
            {
                if (!_callbacks.TryDequeue(out callback))
                {
                    _callbackWorkerRunning = false;
                    return;
                }
            }

            try
            {
                callback();
            }
#pragma warning disable CA1031 // A failing callback must not stop the queue (librados' finisher carries on too).
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                lock (_callbackGate)
                {
                    if (--_pendingCallbacks == 0)
                    {
                        Monitor.PulseAll(_callbackGate);
                    }
                }
            }
        }
    }
}
