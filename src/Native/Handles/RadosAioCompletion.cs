using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// A <c>rados_completion_t</c> (<c>rados_aio_create_completion2</c>) tied to a task. From submission until librados
/// calls <see cref="OnComplete"/> it keeps alive everything the operation uses: a reference on the io context
/// handle, this object (a <see cref="GCHandle"/> is the callback argument) and, through <see cref="Keep"/>, pinned
/// buffers and native memory. The callback — an <see cref="UnmanagedCallersOnlyAttribute"/> static that catches
/// everything — computes the outcome, releases the completion and all of that, then completes the task (whose
/// continuations run asynchronously, never on librados' finisher thread). The io context reference is dropped on the
/// thread pool, because dropping the last one on the finisher thread could shut librados down from inside itself.
/// </summary>
/// <remarks>
/// Cancellation after submission completes the task as cancelled at once and asks librados to stop waiting
/// (<c>rados_aio_cancel</c>, under a lock that guarantees the completion is not released yet); the resources stay
/// held until the real completion arrives.
/// </remarks>
internal abstract unsafe class RadosAioCompletion
{
    private readonly Lock _gate = new();
    private readonly RadosIoContextHandle _ioContext;
    private readonly List<IDisposable> _resources = [];
    private GCHandle _self;
    private nint _completion;
    private bool _done;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Creates the completion; the caller already holds a reference on <paramref name="ioContext"/>, which this object now owns.</summary>
    protected RadosAioCompletion(RadosIoContextHandle ioContext)
    {
        _ioContext = ioContext;
        _self = GCHandle.Alloc(this);
        nint completion;
        int returnCode = Interop.Rados.rados_aio_create_completion2(GCHandle.ToIntPtr(_self), &OnComplete, &completion);
        if (returnCode < 0)
        {
            _self.Free();
            throw StorageErrors.FromReturnCode(returnCode, "rados_aio_create_completion2");
        }

        _completion = completion;
    }

    /// <summary>The native completion, to pass to a <c>rados_aio_*</c> call.</summary>
    public nint Completion => _completion;

    /// <summary>The native io context, valid while this completion holds its reference.</summary>
    public nint IoContext => _ioContext.DangerousGetHandle();

    /// <summary>Keeps <paramref name="resource"/> (a pinned buffer, native memory, a native op) until the operation completed.</summary>
    public void Keep(IDisposable resource) => _resources.Add(resource);

    /// <summary>
    /// After a successful submission: watches <paramref name="cancellationToken"/> (see the remarks of the type).
    /// </summary>
    public void Submitted(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(static (state, token) => ((RadosAioCompletion)state!).Cancel(token), this);
        lock (_gate)
        {
            if (!_done)
            {
                _cancellation = registration;
                return;
            }
        }

        // Already complete: nothing left to cancel.
        registration.Dispose();
    }

    /// <summary>The submission failed (librados will never call back): releases everything and fails the task.</summary>
    public void Abandon(Exception error)
    {
        lock (_gate)
        {
            _done = true;
            Interop.Rados.rados_aio_release(_completion);
            _completion = 0;
        }

        ReleaseResources(onLibradosThread: false);
        SetException(error);
    }

    /// <summary>Turns the operation's return value into the task's result, or throws its exception (runs before resources are released).</summary>
    protected abstract void Finish(int returnCode);

    /// <summary>Completes the task with the result <see cref="Finish"/> computed.</summary>
    protected abstract void Publish();

    /// <summary>Fails the task.</summary>
    protected abstract void SetException(Exception error);

    /// <summary>Cancels the task.</summary>
    protected abstract void SetCanceled(CancellationToken cancellationToken);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnComplete(nint completion, nint argument)
    {
        try
        {
            if (GCHandle.FromIntPtr(argument).Target is RadosAioCompletion aio)
            {
                aio.Completed();
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into librados' finisher thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void Completed()
    {
        int returnCode = Interop.Rados.rados_aio_get_return_value(_completion);
        Exception? error = null;
        try
        {
            Finish(returnCode);
        }
#pragma warning disable CA1031 // The failure travels to the awaiting caller through the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }

        CancellationTokenRegistration cancellation;
        lock (_gate)
        {
            _done = true;
            cancellation = _cancellation;
            // librados holds its own reference while it runs this callback, so releasing ours here is safe.
            Interop.Rados.rados_aio_release(_completion);
            _completion = 0;
        }

        cancellation.Dispose();
        ReleaseResources(onLibradosThread: true);
        if (error is null)
        {
            Publish();
        }
        else
        {
            SetException(error);
        }
    }

    private void Cancel(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_done)
            {
                // librados stops waiting and completes with -ECANCELED; the OSD may still apply the operation. A
                // failure only means librados had finished with it already: the completion is on its way.
                _ = Interop.Rados.rados_aio_cancel(IoContext, _completion);
            }
        }

        SetCanceled(cancellationToken);
    }

    private void ReleaseResources(bool onLibradosThread)
    {
        foreach (IDisposable resource in _resources)
        {
            resource.Dispose();
        }

        _resources.Clear();
        _self.Free();
        if (onLibradosThread)
        {
            // Ours may be the last reference: releasing it destroys the io context and, when the client was shut
            // down meanwhile, runs rados_shutdown, which joins librados' finisher thread — this very thread
            // (measured: the process aborts with "Resource deadlock avoided"). Let the thread pool drop it.
            ThreadPool.UnsafeQueueUserWorkItem(static ioContext => ioContext.DangerousRelease(), _ioContext, preferLocal: false);
        }
        else
        {
            _ioContext.DangerousRelease();
        }
    }
}

/// <summary>A <see cref="RadosAioCompletion"/> whose task yields a <typeparamref name="T"/>.</summary>
internal sealed class RadosAioCompletion<T> : RadosAioCompletion
{
    private readonly TaskCompletionSource<T> _task = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int, T> _finish;
    private T _result = default!;

    public RadosAioCompletion(RadosIoContextHandle ioContext, Func<int, T> finish)
        : base(ioContext) => _finish = finish;

    /// <summary>The task the caller awaits.</summary>
    public Task<T> Task => _task.Task;

    protected override void Finish(int returnCode) => _result = _finish(returnCode);

    protected override void Publish() => _task.TrySetResult(_result);

    protected override void SetException(Exception error) => _task.TrySetException(error);

    protected override void SetCanceled(CancellationToken cancellationToken) => _task.TrySetCanceled(cancellationToken);
}
