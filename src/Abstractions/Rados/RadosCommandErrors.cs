namespace StorageKit.Rados;

/// <summary>How a failed mon/mgr/OSD command becomes an exception, the same in both implementations.</summary>
internal static class RadosCommandErrors
{
    /// <summary>The typed exception for <paramref name="errno"/>, with the daemon's status text in the message.</summary>
    public static StorageException Failed(Errno errno, string operation, string command, string status)
    {
        string what = StorageErrors.Describe(errno, operation, null);
        return StorageErrors.Create(errno, operation, command, status.Length == 0 ? what : $"{what}: {status}");
    }
}
