using System.Runtime.InteropServices;

namespace StorageKit.Native.Nbd;

/// <summary>
/// Drives libnbd's state machine for asynchronous commands: libnbd creates no threads, and <c>nbd_poll</c> holds
/// the handle's lock while it waits in poll(2) (measured with 1.14: a <c>nbd_get_size</c> on another thread
/// waited out the whole poll timeout), so a thread looping on it would stall every other call. Instead one thread
/// per handle polls the handle's socket itself (<c>nbd_aio_get_fd</c>, <c>nbd_aio_get_direction</c>) together with
/// an eventfd that submitters signal, and takes the lock only for <c>nbd_aio_notify_read</c>/<c>_write</c>. It
/// starts with the first command and ends after a second without commands, or when the handle closes.
/// </summary>
internal sealed class NbdPoller : IDisposable
{
    private const int IdleTimeoutMilliseconds = 1000;

    private readonly NbdHandle _handle;
    private readonly Lock _gate = new();
    private int _pending;
    private int _eventFd = -1;
    private Thread? _thread;
    private bool _stopping;

    public NbdPoller(NbdHandle handle) => _handle = handle;

    /// <summary>
    /// Held by every call that reads the socket through libnbd (the synchronous commands, connecting, option
    /// haggling, shutdown) and by the poller while it notifies, so data the poller saw is still there when it notifies.
    /// </summary>
    private Lock Drive { get; } = new();

    /// <summary>
    /// Holds <see cref="Drive"/> for a call that reads the socket through libnbd; leaving wakes the thread, whose
    /// wait may be stale now (the call can leave a queued request half sent, or a reply half read).
    /// </summary>
    public DriveScope EnterDrive() => new(this);

    /// <summary>
    /// A command is about to be submitted (the caller holds a lease on the handle): counts it and makes sure a
    /// thread is polling. <see cref="CommandReleased"/> undoes the count when libnbd frees the command.
    /// </summary>
    public void CommandSubmitting()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _pending++;
            if (_eventFd < 0)
            {
                int eventFd = Interop.C.eventfd(0, Interop.C.EventFdCloseOnExec | Interop.C.EventFdNonBlocking);
                if (eventFd < 0)
                {
                    _pending--;
                    throw StorageErrors.Create((Errno)Marshal.GetLastPInvokeError(), "eventfd");
                }

                _eventFd = eventFd;
            }

            if (_thread is null)
            {
                // The thread's own reference keeps the handle (and its socket) open while it polls.
                bool added = false;
                _handle.DangerousAddRef(ref added);
                _thread = new Thread(Run) { IsBackground = true, Name = "libnbd poller" };
                _thread.Start();
            }
        }
    }

    /// <summary>The command was submitted (or failed to be): the thread looks at the socket again.</summary>
    public unsafe void Wake()
    {
        // Under the gate, so Dispose cannot close (and the OS reuse) the descriptor in between.
        lock (_gate)
        {
            if (_eventFd >= 0)
            {
                ulong one = 1;
                // A full counter (never in practice) still leaves the eventfd readable, which is all that matters.
                _ = Interop.C.write(_eventFd, &one, sizeof(ulong));
            }
        }
    }

    /// <summary>Wakes the thread if there is one.</summary>
    private unsafe void WakeIfRunning()
    {
        lock (_gate)
        {
            if (_thread is not null && _eventFd >= 0)
            {
                ulong one = 1;
                _ = Interop.C.write(_eventFd, &one, sizeof(ulong));
            }
        }
    }

    /// <summary>libnbd freed a command (any thread, under libnbd's lock: takes no libnbd call).</summary>
    public void CommandReleased()
    {
        lock (_gate)
        {
            _pending--;
        }
    }

    /// <summary>Stops the thread and waits for it; called before the handle is closed.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
        }

        Wake();
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        lock (_gate)
        {
            if (_eventFd >= 0)
            {
                _ = Interop.C.close(_eventFd);
                _eventFd = -1;
            }
        }
    }

    /// <summary>
    /// Moves the state machine along if the socket is still ready: libnbd 1.14 does not survive a notify without
    /// data (a <c>nbd_aio_notify_read</c> in READY with nothing to read leaves it in REPLY.START, and the next
    /// command then waits forever for a reply: seen with LIBNBD_DEBUG). Under <see cref="Drive"/> nobody else
    /// reads the socket, so a zero-timeout poll settles it. False when the connection is gone.
    /// </summary>
    private unsafe bool Notify(nint handle, int socket)
    {
        lock (Drive)
        {
            // Another thread may have moved the state machine meanwhile: ask again, as libnbd's manual says.
            uint direction = Interop.Nbd.nbd_aio_get_direction(handle);
            var fd = new Interop.C.PollFd { Fd = socket, Events = Events(direction) };
            if (fd.Events == 0 || Interop.C.poll(&fd, 1, 0) <= 0)
            {
                return true;
            }

            short returned = fd.ReturnedEvents;
            if ((returned & Interop.C.PollNval) != 0)
            {
                return false;
            }

            if ((direction & Interop.Nbd.DirectionRead) != 0 && (returned & (Interop.C.PollIn | Interop.C.PollHup | Interop.C.PollErr)) != 0)
            {
                return Interop.Nbd.nbd_aio_notify_read(handle) >= 0;
            }

            if ((direction & Interop.Nbd.DirectionWrite) != 0 && (returned & (Interop.C.PollOut | Interop.C.PollHup | Interop.C.PollErr)) != 0)
            {
                return Interop.Nbd.nbd_aio_notify_write(handle) >= 0;
            }

            return true;
        }
    }

    private static short Events(uint direction)
        => (short)(((direction & Interop.Nbd.DirectionRead) != 0 ? Interop.C.PollIn : 0)
            | ((direction & Interop.Nbd.DirectionWrite) != 0 ? Interop.C.PollOut : 0));

    private unsafe void Run()
    {
        nint handle = _handle.DangerousGetHandle();
        int eventFd;
        lock (_gate)
        {
            eventFd = _eventFd;
        }

        // After a failed notify (the connection died) the socket is left alone until the next submission.
        bool socketBroken = false;
        try
        {
            var fds = stackalloc Interop.C.PollFd[2];
            while (true)
            {
                int socket = socketBroken ? -1 : Interop.Nbd.nbd_aio_get_fd(handle);
                uint direction = socket < 0 ? 0 : Interop.Nbd.nbd_aio_get_direction(handle);
                short events = Events(direction);
                fds[0] = new Interop.C.PollFd { Fd = eventFd, Events = Interop.C.PollIn };
                fds[1] = new Interop.C.PollFd { Fd = events != 0 ? socket : -1, Events = events };
                int ready = Interop.C.poll(fds, 2, IdleTimeoutMilliseconds);
                if (ready < 0)
                {
                    // EINTR: look again.
                    continue;
                }

                if ((fds[0].ReturnedEvents & Interop.C.PollIn) != 0)
                {
                    ulong drained;
                    _ = Interop.C.read(eventFd, &drained, sizeof(ulong));
                    socketBroken = false;
                }

                if (fds[1].ReturnedEvents != 0)
                {
                    socketBroken = !Notify(handle, socket);
                }

                lock (_gate)
                {
                    if (_stopping || (ready == 0 && _pending == 0))
                    {
                        _thread = null;
                        return;
                    }
                }
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    /// <summary>See <see cref="EnterDrive"/>.</summary>
    internal ref struct DriveScope
    {
        private readonly NbdPoller _poller;
        private Lock.Scope _scope;

        public DriveScope(NbdPoller poller)
        {
            _poller = poller;
            _scope = poller.Drive.EnterScope();
        }

        public void Dispose()
        {
            _scope.Dispose();
            _poller.WakeIfRunning();
        }
    }
}
