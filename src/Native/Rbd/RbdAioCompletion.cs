using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StorageKit.Native.Rbd;

/// <summary>
/// An <c>rbd_completion_t</c> tied to a task, as <c>RadosAioCompletion</c> is for librados: from submission until
/// librbd calls back it keeps alive a reference on the image handle, itself (a <see cref="GCHandle"/> is the callback
/// argument) and the pinned buffer. The callback — an <see cref="UnmanagedCallersOnlyAttribute"/> static that catches
/// everything — reads the return value and releases the completion; a pool thread then releases all of that and
/// only then completes the task, whose continuations run asynchronously. librbd has no cancel for image I/O, so there is nothing to do on cancellation.
/// </summary>
internal abstract unsafe class RbdAioCompletion
{
    private readonly RbdImageHandle _image;
    private GCHandle _self;
    private IDisposable? _resource;
    private long _returnValue;

    /// <summary>Creates the completion; the caller already holds a reference on <paramref name="image"/>, which this object now owns.</summary>
    protected RbdAioCompletion(RbdImageHandle image)
    {
        _image = image;
        _self = GCHandle.Alloc(this);
        int returnCode = Interop.Rbd.rbd_aio_create_completion(GCHandle.ToIntPtr(_self), &OnComplete, out nint completion);
        if (returnCode < 0)
        {
            _self.Free();
            throw StorageErrors.FromReturnCode(returnCode, "rbd_aio_create_completion");
        }

        Completion = completion;
    }

    /// <summary>The native completion, to pass to an <c>rbd_aio_*</c> call.</summary>
    public nint Completion { get; private set; }

    /// <summary>Keeps <paramref name="resource"/> (a pinned buffer) until the operation completed.</summary>
    public void Keep(IDisposable resource) => _resource = resource;

    /// <summary>The submission failed, so librbd will never call back: releases everything and fails the task.</summary>
    public void Abandon(Exception error)
    {
        Interop.Rbd.rbd_aio_release(Completion);
        Completion = 0;
        Release();
        SetException(error);
    }

    /// <summary>Completes the task from the operation's return value (runs after everything was released).</summary>
    protected abstract void Finish(long returnValue);

    /// <summary>Fails the task.</summary>
    protected abstract void SetException(Exception error);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnComplete(nint completion, nint argument)
    {
        try
        {
            if (GCHandle.FromIntPtr(argument).Target is RbdAioCompletion aio)
            {
                aio.Completed(completion);
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into librbd's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void Completed(nint completion)
    {
        _returnValue = Interop.Rbd.rbd_aio_get_return_value(completion);
        Interop.Rbd.rbd_aio_release(completion);
        Completion = 0;
        // Ours may be the last reference on the image, and rbd_close on librbd's own thread would wait for itself:
        // release it on a pool thread, and complete the task only after that, so a caller that awaited the task
        // and then disposes the image closes it at once (rbd_remove right after sees no watcher left).
        ThreadPool.UnsafeQueueUserWorkItem(
            static aio =>
            {
                aio.Release();
                aio.Finish(aio._returnValue);
            },
            this,
            preferLocal: false);
    }

    private void Release()
    {
        _resource?.Dispose();
        _resource = null;
        _self.Free();
        _image.DangerousRelease();
    }
}

/// <summary>An <see cref="RbdAioCompletion"/> whose task yields a <typeparamref name="T"/> computed by <c>finish</c> (which may throw the call's exception).</summary>
internal sealed class RbdAioCompletion<T>(RbdImageHandle image, Func<long, T> finish) : RbdAioCompletion(image)
{
    private readonly TaskCompletionSource<T> _task = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The task the caller awaits.</summary>
    public Task<T> Task => _task.Task;

    protected override void Finish(long returnValue)
    {
        try
        {
            _task.TrySetResult(finish(returnValue));
        }
#pragma warning disable CA1031 // The failure travels to the awaiting caller through the task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _task.TrySetException(ex);
        }
    }

    protected override void SetException(Exception error) => _task.TrySetException(error);
}
