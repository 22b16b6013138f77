using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Makes calls of an emulated cluster fail, wait or lose their connection, to test how code copes with a
/// misbehaving cluster (<see cref="EmulatedRadosCluster.Faults"/>). Every call that reaches the cluster passes
/// through here once, after its argument checks and after the io context's own checks (disposed, shut down, EROFS),
/// so an injected errno surfaces exactly where the cluster's answer would. Calls that librados answers without
/// the cluster (<see cref="RadosOperationKind.None"/>) are never affected. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var clock = new FakeTimeProvider();
/// var cluster = new EmulatedRadosCluster(new EmulatorOptions { TimeProvider = clock });
/// using IRadosClient client = cluster.Connect();
/// client.CreatePool("p");
/// using IRadosIoContext io = client.OpenIoContext("p");
///
/// // The next two writes to objects called "img.*" fail with EIO; everything else works.
/// cluster.Faults.FailNext(2, Errno.EIO, new RadosFaultFilter { ObjectName = "img.*", Kinds = RadosOperationKind.Write });
///
/// // The next read waits until the fake clock has moved 5 seconds.
/// cluster.Faults.DelayNext(1, TimeSpan.FromSeconds(5), new RadosFaultFilter { Kinds = RadosOperationKind.Read });
/// Task&lt;byte[]&gt; read = Task.Run(() => io.ReadAll("a"));
/// SpinWait.SpinUntil(() => cluster.Faults.DelayedCalls == 1);
/// clock.Advance(TimeSpan.FromSeconds(5));
///
/// // Every later call of the client times out, as with a cluster that became unreachable.
/// cluster.Faults.DropConnection(client);
/// cluster.Faults.Reset();   // back to normal
/// </code>
/// </example>
public sealed class RadosFaultInjector
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<Rule> _rules = [];
    private readonly HashSet<IRadosClient> _dropped = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IRadosClient> _blocklisted = new(ReferenceEqualityComparer.Instance);
    private readonly List<Gate> _waiting = [];
    private bool _allDropped;
    private int _releases;

    internal RadosFaultInjector(TimeProvider time) => _time = time;

    /// <summary>Calls still to be failed or delayed by the rules of <see cref="FailNext"/> and <see cref="DelayNext"/>.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_lock)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Calls waiting in a delay right now; a test on a fake clock waits for this before it advances the clock.</summary>
    public int DelayedCalls
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> calls matching <paramref name="filter"/> fail with
    /// <paramref name="errno"/>: they throw the same typed <see cref="StorageException"/> the kit raises for that
    /// errno from a real cluster, named after the call's C function, and change nothing. Rules apply in the order
    /// they were added; a call consumes at most one failure.
    /// </summary>
    public void FailNext(int count, Errno errno, RadosFaultFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero((int)errno, nameof(errno));
        Add(new Rule(filter ?? RadosFaultFilter.Any, count, errno, TimeSpan.Zero));
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> calls matching <paramref name="filter"/> wait <paramref name="delay"/>
    /// before they run (and then run normally, or fail if a <see cref="FailNext"/> rule matches them too).
    /// <para>
    /// The delay is measured on the cluster's <see cref="EmulatorOptions.TimeProvider"/>. On the system clock the
    /// call blocks for that long. On a fake clock it blocks until the clock has been advanced past the deadline
    /// — by another thread, since the calling thread is blocked: run the call on a task, wait until
    /// <see cref="DelayedCalls"/> shows it, then advance. A delayed call holds no lock of the cluster, so other
    /// calls go on meanwhile. <see cref="ReleaseDelayedCalls"/> and <see cref="Reset"/> end every wait at once,
    /// so a test never hangs on a clock nobody advances.
    /// </para>
    /// </summary>
    public void DelayNext(int count, TimeSpan delay, RadosFaultFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        Add(new Rule(filter ?? RadosFaultFilter.Any, count, Errno.None, delay));
    }

    /// <summary>
    /// Cuts <paramref name="client"/> off the cluster: from now on every call of it (and of its io contexts and
    /// listings) that needs an OSD or a monitor fails with ETIMEDOUT (<see cref="StorageTimeoutException"/>), what
    /// librados reports once <c>rados_osd_op_timeout</c> / <c>rados_mon_op_timeout</c> pass without an answer
    /// (measured on Ceph 16 with the OSD stopped; without those timeouts librados would wait forever). The emulator
    /// fails at once instead of waiting out the timeout. Calls librados answers from the OSD map it already has —
    /// pool list and lookups, opening io contexts — keep working, as do the calls that never leave the client. The
    /// client still reports itself connected, as librados does. Undo with <see cref="RestoreConnection"/> or
    /// <see cref="Reset"/>.
    /// </summary>
    public void DropConnection(IRadosClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_lock)
        {
            _dropped.Add(client);
        }
    }

    /// <summary>Cuts every client of the cluster off, present and future, as <see cref="DropConnection"/> does for one.</summary>
    public void DropAllConnections()
    {
        lock (_lock)
        {
            _allDropped = true;
        }
    }

    /// <summary>
    /// Fences <paramref name="client"/> as <c>ceph osd blocklist add</c> does: its object reads and writes fail with
    /// ESHUTDOWN (<see cref="StorageNotConnectedException"/>), while pool, snapshot and listing calls still work
    /// (measured on Ceph 16). Undo with <see cref="RestoreConnection"/> or <see cref="Reset"/>.
    /// </summary>
    public void Blocklist(IRadosClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_lock)
        {
            _blocklisted.Add(client);
        }
    }

    /// <summary>Undoes <see cref="DropConnection"/> and <see cref="Blocklist"/> for <paramref name="client"/>.</summary>
    public void RestoreConnection(IRadosClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_lock)
        {
            _dropped.Remove(client);
            _blocklisted.Remove(client);
        }
    }

    /// <summary>Lets every call waiting in a delay go on now.</summary>
    public void ReleaseDelayedCalls()
    {
        List<Gate> waiting;
        lock (_lock)
        {
            // Also releases a call that took its delay but has not started waiting yet.
            _releases++;
            waiting = [.. _waiting];
        }

        foreach (Gate gate in waiting)
        {
            gate.Open();
        }
    }

    /// <summary>Removes every pending fault, restores every connection and releases every delayed call.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _rules.Clear();
            _dropped.Clear();
            _blocklisted.Clear();
            _allDropped = false;
        }

        ReleaseDelayedCalls();
    }

    /// <summary>The hook every emulated call that reaches the cluster passes through.</summary>
    internal void Intercept(IRadosClient client, string? pool, string? objectName, string operation)
    {
        RadosOperationKind kind = RadosOperations.KindOf(operation);
        if (kind == RadosOperationKind.None)
        {
            return;
        }

        Errno connection = Errno.None;
        TimeSpan delay = TimeSpan.Zero;
        Errno failure = Errno.None;
        int releases;
        lock (_lock)
        {
            releases = _releases;
            if ((_allDropped || _dropped.Contains(client)) && !RadosOperations.UsesCachedMap(operation))
            {
                connection = Errno.ETIMEDOUT;
            }
            else if (_blocklisted.Contains(client) && kind is RadosOperationKind.Read or RadosOperationKind.Write)
            {
                connection = Errno.ESHUTDOWN;
            }
            else
            {
                delay = Take(client, pool, objectName, operation, kind, delays: true)?.Delay ?? TimeSpan.Zero;
                failure = Take(client, pool, objectName, operation, kind, delays: false)?.Errno ?? Errno.None;
            }
        }

        if (connection != Errno.None)
        {
            throw StorageErrors.Create(connection, operation, objectName ?? pool);
        }

        if (delay > TimeSpan.Zero)
        {
            Wait(delay, releases);
        }

        if (failure != Errno.None)
        {
            throw StorageErrors.Create(failure, operation, objectName ?? pool, $"{operation} failed: injected {failure}.");
        }
    }

    private void Add(Rule rule)
    {
        lock (_lock)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Consumes one use of the first matching rule of the wanted sort; null when none matches.</summary>
    private Rule? Take(IRadosClient client, string? pool, string? objectName, string operation, RadosOperationKind kind, bool delays)
    {
        Rule? rule = _rules.Find(r => (r.Delay > TimeSpan.Zero) == delays && r.Filter.Matches(client, pool, objectName, operation, kind));
        if (rule is not null && --rule.Remaining == 0)
        {
            _rules.Remove(rule);
        }

        return rule;
    }

    private void Wait(TimeSpan delay, int releases)
    {
        var gate = new Gate();
        // The timer starts before the call shows in DelayedCalls, so a clock advanced as soon as it shows counts.
        using ITimer timer = _time.CreateTimer(static state => ((Gate)state!).Open(), gate, delay, Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            _waiting.Add(gate);
            if (_releases != releases)
            {
                gate.Open();
            }
        }

        try
        {
            gate.Wait();
        }
        finally
        {
            lock (_lock)
            {
                _waiting.Remove(gate);
            }
        }
    }

    private sealed class Rule(RadosFaultFilter filter, int count, Errno errno, TimeSpan delay)
    {
        public RadosFaultFilter Filter { get; } = filter;

        public int Remaining { get; set; } = count;

        public Errno Errno { get; } = errno;

        public TimeSpan Delay { get; } = delay;
    }

    /// <summary>A one-shot latch; no handle to dispose, so a timer may still open it after the wait ended.</summary>
    private sealed class Gate
    {
        // A monitor, not a Lock: Monitor.Wait needs one.
        private readonly object _monitor = new();
        private bool _open;

        public void Open()
        {
            lock (_monitor)
            {
                _open = true;
                Monitor.PulseAll(_monitor);
            }
        }

        public void Wait()
        {
            lock (_monitor)
            {
                while (!_open)
                {
                    Monitor.Wait(_monitor);
                }
            }
        }
    }
}
