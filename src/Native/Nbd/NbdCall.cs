using System.Runtime.InteropServices;

namespace StorageKit.Native.Nbd;

/// <summary>
/// libnbd's error convention: a failing call returns -1 (or NULL) and leaves errno and message in thread-local
/// storage, which must be read on the same thread before the next libnbd call.
/// </summary>
internal static class NbdCall
{
    /// <summary>The error of the libnbd call that just failed on this thread.</summary>
    public static unsafe StorageException LastError(string operation)
    {
        int errno = Interop.Nbd.nbd_get_errno();
        string message = NativeText.FromNulTerminated(Interop.Nbd.nbd_get_error());
        return StorageErrors.Create((Errno)errno, operation, null, message.Length == 0 ? null : message);
    }

    /// <summary>Throws the thread's libnbd error when <paramref name="result"/> is -1 (any negative).</summary>
    public static long Check(long result, string operation)
        => result < 0 ? throw LastError(operation) : result;

    /// <summary>A libnbd boolean (0 or 1), or its error.</summary>
    public static bool CheckBool(int result, string operation)
        => Check(result, operation) != 0;

    /// <summary>A <c>char *</c> libnbd returned for the caller to free; the thread's error when NULL.</summary>
    public static unsafe string TakeString(byte* text, string operation)
    {
        if (text is null)
        {
            throw LastError(operation);
        }

        try
        {
            return NativeText.FromNulTerminated(text);
        }
        finally
        {
            // libnbd allocates with malloc; NativeMemory.Free is the C library's free.
            NativeMemory.Free(text);
        }
    }

    /// <summary>
    /// The error of a command the server (or libnbd, on a lost connection) failed, worded as libnbd words it for
    /// <c>nbd_aio_command_completed</c> ("nbd_pread: read: command failed: Invalid argument").
    /// </summary>
    public static StorageException CommandFailed(int errno, string operation, string command)
        => StorageErrors.Create((Errno)errno, operation, null, $"{operation}: {command}: command failed: {Marshal.GetPInvokeErrorMessage(errno)}");
}
