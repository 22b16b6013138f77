namespace StorageKit.Emulator.Rados;

/// <summary>
/// The emulator's <c>rados_completion_t</c>. The operation is applied when it is submitted — under its pool's lock,
/// in submission order, as an OSD receives a client's ops — and its outcome is delivered afterwards on the thread
/// pool, as librados' finisher thread does: never inline on the caller's stack. Running the operation itself on
/// the thread pool (a <c>Task.Run</c> over the synchronous call) would let two submissions to one object overtake
/// each other, which librados never does.
/// </summary>
internal sealed class EmulatedCompletion<T>
{
    private readonly TaskCompletionSource<T> _task = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private T _result = default!;
    private Exception? _error;

    private EmulatedCompletion()
    {
    }

    /// <summary>
    /// Applies <paramref name="apply"/> now and returns a task that completes on the thread pool with its result or
    /// exception. A token cancelled before submission applies nothing; one cancelled later completes the task as
    /// cancelled (the operation stays applied, as on a real cluster).
    /// </summary>
    public static Task<T> Submit(Func<T> apply, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new EmulatedCompletion<T>();
        try
        {
            completion._result = apply();
        }
#pragma warning disable CA1031 // Every failure of the operation travels through the task, as librados reports it through the completion.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            completion._error = ex;
        }

        if (cancellationToken.CanBeCanceled)
        {
            completion._cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((EmulatedCompletion<T>)state!)._task.TrySetCanceled(token), completion);
        }

        ThreadPool.UnsafeQueueUserWorkItem(static completion => completion.Deliver(), completion, preferLocal: false);
        return completion._task.Task;
    }

    private void Deliver()
    {
        _cancellation.Dispose();
        if (_error is null)
        {
            _task.TrySetResult(_result);
        }
        else
        {
            _task.TrySetException(_error);
        }
    }
}
