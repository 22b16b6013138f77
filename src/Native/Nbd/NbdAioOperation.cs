using System.Buffers;
using System.Runtime.InteropServices;
using StorageKit.Nbd;

namespace StorageKit.Native.Nbd;

/// <summary>
/// One <c>nbd_aio_*</c> command: its task, the pinned buffer and the <see cref="GCHandle"/> libnbd's callbacks
/// find it by. libnbd calls the completion callback at most once (not when submission fails, not when the
/// handle is closed first) and the free function exactly once, last; so the free function unpins and frees, and
/// fails the task if nothing else finished it.
/// </summary>
internal abstract class NbdAioOperation
{
    private readonly NbdPoller _poller;
    private MemoryHandle _pin;
    private GCHandle _self;
    private volatile bool _submitting = true;

    protected NbdAioOperation(NbdPoller poller, string operation, string command, NbdExtentCollector? extents)
    {
        _poller = poller;
        Operation = operation;
        Command = command;
        Extents = extents;
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The libnbd function (<c>nbd_aio_pread</c>, ...).</summary>
    public string Operation { get; }

    /// <summary>The command as libnbd names it in messages (<c>read</c>, <c>write</c>, ...).</summary>
    public string Command { get; }

    /// <summary>Where the extent callback of a block status command collects.</summary>
    public NbdExtentCollector? Extents { get; }

    /// <summary>True while the submitting call runs: a failure then is reported by the submitter, with libnbd's message.</summary>
    public bool Submitting
    {
        get => _submitting;
        set => _submitting = value;
    }

    /// <summary>The completion callback parameter (with the free function).</summary>
    public Interop.Nbd.Callback CompletionCallback
        => new() { Function = NbdCallbacks.Completion, UserData = GCHandle.ToIntPtr(_self), Free = NbdCallbacks.Free };

    /// <summary>The extent callback parameter (freed with the completion's user data, not separately).</summary>
    public Interop.Nbd.Callback ExtentCallback
        => new() { Function = NbdCallbacks.Extent, UserData = GCHandle.ToIntPtr(_self), Free = 0 };

    /// <summary>Keeps <paramref name="buffer"/> pinned until libnbd frees the command; its address.</summary>
    public unsafe byte* Pin(ReadOnlyMemory<byte> buffer)
    {
        _pin = buffer.Pin();
        return (byte*)_pin.Pointer;
    }

    /// <summary>The completion callback: the reply arrived (or the connection died), <paramref name="errno"/> 0 on success.</summary>
    public void Complete(int errno)
    {
        if (errno != 0)
        {
            Fail(NbdCall.CommandFailed(errno, Operation, Command));
        }
        else
        {
            Succeed();
        }
    }

    /// <summary>The free function: libnbd will not touch the buffer or call back again.</summary>
    public void Released()
    {
        _pin.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }

        if (!Submitting)
        {
            // Not completed by now means the handle was closed with the command in flight.
            Fail(new NbdClosedHandleException(Operation));
        }

        _poller.CommandReleased();
    }

    /// <summary>Faults the task unless it already finished.</summary>
    public abstract void Fail(Exception exception);

    protected abstract void Succeed();
}

/// <summary>An asynchronous command whose task has a result.</summary>
internal sealed class NbdAioOperation<T> : NbdAioOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<NbdAioOperation, T> _result;

    public NbdAioOperation(NbdPoller poller, string operation, string command, Func<NbdAioOperation, T> result, NbdExtentCollector? extents = null)
        : base(poller, operation, command, extents)
    {
        _result = result;
    }

    public Task<T> Task => _completion.Task;

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    protected override void Succeed()
    {
        try
        {
            Extents?.ThrowIfFailed();
            _completion.TrySetResult(_result(this));
        }
#pragma warning disable CA1031 // Runs on libnbd's callback: whatever failed goes to the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _completion.TrySetException(ex);
        }
    }
}
