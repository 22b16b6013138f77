using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// A notify in flight (the OSD's <c>Notify</c>): the watches it waits for, the acks collected so far, and a
/// timer on the cluster clock. It completes when the last watch acked or went away (r = 0), or when the timer
/// fires (librados' -ETIMEDOUT), listing the watches that did not ack.
/// </summary>
internal sealed class EmulatedNotify
{
    private readonly object _gate = new();
    private readonly EmulatedRadosCluster _cluster;
    private readonly HashSet<(ulong WatcherId, ulong WatchId)> _waiting;
    private readonly SortedDictionary<(ulong WatcherId, ulong WatchId), byte[]> _acks = [];
    private readonly TaskCompletionSource<RadosNotifyResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private RadosNotifyResult? _result;

    public EmulatedNotify(EmulatedRadosCluster cluster, ulong id, IEnumerable<(ulong WatcherId, ulong WatchId)> watches)
    {
        _cluster = cluster;
        Id = id;
        _waiting = [.. watches];
    }

    public ulong Id { get; }

    public Task<RadosNotifyResult> Completion => _completion.Task;

    /// <summary>Arms the timeout, or completes at once when there is nobody to wait for.</summary>
    public void Start(TimeProvider time, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                Complete();
                return;
            }
        }

        ITimer timer = time.CreateTimer(static state => ((EmulatedNotify)state!).TimeOut(), this, timeout, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (_result is null)
            {
                _timer = timer;
                return;
            }
        }

        timer.Dispose();
    }

    /// <summary>Blocks until the notify completed (the synchronous <c>rados_notify2</c>).</summary>
    public RadosNotifyResult Wait()
    {
        lock (_gate)
        {
            while (_result is null)
            {
                Monitor.Wait(_gate);
            }

            return _result;
        }
    }

    /// <summary>A watch acked; only the first ack of a watch counts, and acks after completion are ignored.</summary>
    public void Ack(ulong watcherId, ulong watchId, byte[] reply)
    {
        lock (_gate)
        {
            if (_result is null && _waiting.Remove((watcherId, watchId)))
            {
                _acks[(watcherId, watchId)] = reply;
                if (_waiting.Count == 0)
                {
                    Complete();
                }
            }
        }
    }

    /// <summary>A watch went away (unwatched, timed out, object removed): no longer waited for, and neither acked nor timed out.</summary>
    public void WatchRemoved(ulong watcherId, ulong watchId)
    {
        lock (_gate)
        {
            if (_result is null && _waiting.Remove((watcherId, watchId)) && _waiting.Count == 0)
            {
                Complete();
            }
        }
    }

    private void TimeOut()
    {
        lock (_gate)
        {
            if (_result is null)
            {
                Complete();
            }
        }
    }

    // Under _gate.
    private void Complete()
    {
        var acks = _acks.Select(a => new RadosNotifyAck(a.Key.WatcherId, a.Key.WatchId, a.Value)).ToList();
        var timedOut = _waiting.Order().Select(w => new RadosNotifyTimeout(w.WatcherId, w.WatchId)).ToList();
        _result = new RadosNotifyResult(acks, timedOut);
        _timer?.Dispose();
        _cluster.ForgetNotify(Id);
        _completion.TrySetResult(_result);
        Monitor.PulseAll(_gate);
    }
}
