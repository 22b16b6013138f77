namespace StorageKit.Conformance.Framework;

public static partial class Check
{
    /// <summary>
    /// Fails unless <paramref name="action"/> throws a <see cref="StorageException"/> (of the type
    /// <see cref="StorageErrors.Create"/> gives for <paramref name="errno"/>) carrying <paramref name="errno"/> and,
    /// when given, exactly libnbd's <paramref name="message"/> (<c>nbd_get_error</c>).
    /// </summary>
    public static StorageException NbdError(Errno errno, Action action, string what, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        StorageException expected = StorageErrors.Create(errno, "nbd");
        StorageException got;
        try
        {
            action();
            throw new ConformanceFailedException($"{what}: expected {Errno(errno)}, but it succeeded");
        }
        catch (StorageException ex)
        {
            got = ex;
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            throw new ConformanceFailedException($"{what}: expected {Errno(errno)}, got {ex.GetType().Name}: {ex.Message}", ex);
        }

        if (got.Errno != errno || got.GetType() != expected.GetType())
        {
            throw new ConformanceFailedException($"{what}: expected {expected.GetType().Name}({Errno(errno)}), got {got.GetType().Name}({Errno(got.Errno)}): {got.Message}", got);
        }

        if (message is not null && !string.Equals(got.Message, message, StringComparison.Ordinal))
        {
            throw new ConformanceFailedException($"{what}: expected the message \"{message}\", got \"{got.Message}\"", got);
        }

        return got;
    }

    /// <summary>Fails unless <paramref name="action"/> throws <see cref="StorageKit.Nbd.NbdClosedHandleException"/>.</summary>
    public static void ClosedHandle(Action action, string what)
        => ThrowsExactly<StorageKit.Nbd.NbdClosedHandleException>(action, what);
}
