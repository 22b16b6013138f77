namespace StorageKit.Conformance.Framework;

public static partial class Check
{
    /// <summary>
    /// Fails unless the task <paramref name="action"/> returns fails with exactly <typeparamref name="TException"/>
    /// carrying <paramref name="errno"/>; an exception thrown before a task exists counts the same. Returns the exception.
    /// </summary>
    public static async Task<TException> ThrowsAsync<TException>(Errno errno, Func<Task> action, string what)
        where TException : StorageException
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            if (ex.GetType() != typeof(TException) || ex.Errno != errno)
            {
                throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), got {ex.GetType().Name}({Errno(ex.Errno)}) from {ex.Operation}", ex);
            }

            return (TException)ex;
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), got {ex.GetType().Name}: {ex.Message}", ex);
        }

        throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), but it succeeded");
    }

    /// <summary>Fails unless the task fails (or the call throws) with exactly <typeparamref name="TException"/>.</summary>
    public static async Task<TException> ThrowsExactlyAsync<TException>(Func<Task> action, string what)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            if (ex.GetType() != typeof(TException))
            {
                throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}, got {ex.GetType().Name}: {ex.Message}", ex);
            }

            return (TException)ex;
        }

        throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}, but it succeeded");
    }
}
