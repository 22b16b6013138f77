using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>
/// Carries an <see cref="IProgress{T}"/> through librbd's <c>librbd_progress_fn_t</c>: the callback reports each
/// (offset, total) pair synchronously on librbd's thread. An exception from the progress sink is kept, the
/// operation goes on (returning non-zero would abort it half-way), and the exception is rethrown afterwards.
/// </summary>
internal sealed class NativeRbdProgress : IDisposable
{
    private readonly IProgress<RbdProgress> _progress;
    private GCHandle _handle;
    private ExceptionDispatchInfo? _error;

    public NativeRbdProgress(IProgress<RbdProgress> progress)
    {
        _progress = progress;
        _handle = GCHandle.Alloc(this);
    }

    /// <summary>The state pointer handed to librbd with <see cref="Callback"/>.</summary>
    public nint State => GCHandle.ToIntPtr(_handle);

    /// <summary>The callback librbd calls.</summary>
    public static unsafe delegate* unmanaged[Cdecl]<ulong, ulong, nint, int> Callback => &OnProgress;

    /// <summary>Rethrows what the progress sink threw, if anything.</summary>
    public void ThrowIfFailed() => _error?.Throw();

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnProgress(ulong offset, ulong total, nint state)
    {
        try
        {
            if (GCHandle.FromIntPtr(state).Target is NativeRbdProgress relay && relay._error is null)
            {
                relay._progress.Report(new RbdProgress((long)offset, (long)total));
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into librbd; it is rethrown after the call.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (GCHandle.FromIntPtr(state).Target is NativeRbdProgress relay)
            {
                relay._error ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        return 0;
    }
}
