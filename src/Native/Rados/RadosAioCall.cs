using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StorageKit.Native.Rados;

/// <summary>
/// One librados aio call: owns a <c>rados_completion_t</c> whose callback (an
/// <c>[UnmanagedCallersOnly]</c> static that catches everything) reads the return value, lets the subclass
/// collect the result on the librados thread without blocking, releases the completion and completes a task
/// whose continuations run elsewhere.
/// </summary>
internal abstract class RadosAioCall
{
    private GCHandle _self;

    /// <summary>The native completion to pass to the <c>rados_aio_*</c> call.</summary>
    public nint Completion { get; private set; }

    /// <summary>Creates the completion; call once, before submitting.</summary>
    protected unsafe void CreateCompletion()
    {
        _self = GCHandle.Alloc(this);
        nint completion;
        int returnCode = Interop.Rados.rados_aio_create_completion2(GCHandle.ToIntPtr(_self), &OnComplete, &completion);
        if (returnCode < 0)
        {
            _self.Free();
            throw StorageErrors.FromReturnCode(returnCode, "rados_aio_create_completion2");
        }

        Completion = completion;
    }

    /// <summary>The submitting call failed, so the callback will never run: release what it would have released.</summary>
    public void Abandon()
    {
        Interop.Rados.rados_aio_release(Completion);
        _self.Free();
    }

    /// <summary>Runs on a librados thread with the call's return code; must not block and must not throw.</summary>
    protected abstract void Completed(int returnCode);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnComplete(nint completion, nint argument)
    {
        try
        {
            GCHandle handle = GCHandle.FromIntPtr(argument);
            var call = (RadosAioCall)handle.Target!;
            handle.Free();
            int returnCode = Interop.Rados.rados_aio_get_return_value(completion);
            try
            {
                call.Completed(returnCode);
            }
            finally
            {
                Interop.Rados.rados_aio_release(completion);
            }
        }
#pragma warning disable CA1031 // Nothing may escape into librados' thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

/// <summary>An aio call whose result is computed from the return code by <c>finish</c> (which may throw the call's exception).</summary>
internal sealed class RadosAioCall<T> : RadosAioCall
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int, T> _finish;

    public RadosAioCall(Func<int, T> finish)
    {
        _finish = finish;
        CreateCompletion();
    }

    /// <summary>Completes when librados calls back.</summary>
    public Task<T> Task => _completion.Task;

    protected override void Completed(int returnCode)
    {
        try
        {
            _completion.TrySetResult(_finish(returnCode));
        }
#pragma warning disable CA1031 // The exception belongs to the awaiting caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _completion.TrySetException(ex);
        }
    }
}
