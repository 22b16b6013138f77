using System.Runtime.ExceptionServices;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Reports progress as the native binding does: synchronously, per object; an exception from the sink is kept,
/// the operation finishes, and the exception is rethrown afterwards.
/// </summary>
internal sealed class EmulatedRbdProgress(IProgress<RbdProgress>? progress)
{
    private ExceptionDispatchInfo? _error;

    public void Report(long done, long total)
    {
        if (progress is null || _error is not null)
        {
            return;
        }

        try
        {
            progress.Report(new RbdProgress(done, total));
        }
#pragma warning disable CA1031 // Rethrown once the operation is complete, as librbd's callback cannot unwind.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _error = ExceptionDispatchInfo.Capture(ex);
        }
    }

    public void ThrowIfFailed() => _error?.Throw();
}
