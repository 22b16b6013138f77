using System.Runtime.InteropServices;
using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>
/// Where libgfapi's answers become kit values: <c>errno</c> after a failed call becomes the typed
/// <see cref="StorageException"/>, and the C structs become <see cref="GlusterStat"/>/<see cref="GlusterStatVfs"/>.
/// </summary>
internal static class GlusterCall
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>The exception for the <c>errno</c> the last import left (EIO should a failure leave none).</summary>
    public static StorageException LastError(string operation, string? target)
    {
        int errno = Marshal.GetLastPInvokeError();
        return StorageErrors.Create(errno == 0 ? Errno.EIO : (Errno)errno, operation, target);
    }

    /// <summary>Throws the last error for a negative <paramref name="returnCode"/>; returns it otherwise.</summary>
    public static int Check(int returnCode, string operation, string? target)
        => returnCode < 0 ? throw LastError(operation, target) : returnCode;

    /// <summary>Throws the last error for a negative 64-bit <paramref name="returnCode"/>; returns it otherwise.</summary>
    public static long Check(long returnCode, string operation, string? target)
        => returnCode < 0 ? throw LastError(operation, target) : returnCode;

    /// <summary>The kit's view of a <c>struct stat</c>.</summary>
    public static GlusterStat ToStat(in Interop.Gluster.Stat stat) => new(
        stat.Device,
        stat.Inode,
        stat.Mode,
        stat.LinkCount,
        unchecked((int)stat.UserId),
        unchecked((int)stat.GroupId),
        stat.SpecialDevice,
        stat.Size,
        stat.BlockSize,
        stat.Blocks,
        ToTime(stat.AccessTime),
        ToTime(stat.ModificationTime),
        ToTime(stat.ChangeTime));

    /// <summary>The kit's view of a <c>struct statvfs</c>.</summary>
    public static GlusterStatVfs ToStatVfs(in Interop.Gluster.StatVfs stat) => new(
        stat.BlockSize,
        stat.FragmentSize,
        stat.Blocks,
        stat.BlocksFree,
        stat.BlocksAvailable,
        stat.Files,
        stat.FilesFree,
        stat.FilesAvailable,
        stat.FileSystemId,
        stat.Flags,
        stat.MaxNameLength);

    /// <summary>A <c>timespec</c> as a UTC time, truncated to the 100 ns tick.</summary>
    public static DateTimeOffset ToTime(Interop.Gluster.TimeSpec time)
        => DateTimeOffset.UnixEpoch.AddTicks((time.Seconds * TicksPerSecond) + (time.Nanoseconds / 100));

    /// <summary>
    /// The <c>struct timespec[2]</c> of <c>glfs_utimens</c>/<c>glfs_futimens</c>; null is the current time (one
    /// reading for both). libgfapi 10.3 stores <c>UTIME_NOW</c>/<c>UTIME_OMIT</c> literally (as 0.1073741823 s) and
    /// crashes on a NULL times array, so "now" is read here.
    /// </summary>
    public static unsafe void FromTimes(DateTimeOffset? accessTime, DateTimeOffset? modificationTime, Interop.Gluster.TimeSpec* times)
    {
        DateTimeOffset now = accessTime is null || modificationTime is null ? DateTimeOffset.UtcNow : default;
        times[0] = FromTime(accessTime ?? now);
        times[1] = FromTime(modificationTime ?? now);
    }

    /// <summary>A time as a <c>timespec</c> (<c>0 &lt;= tv_nsec &lt; 1e9</c>, also before 1970).</summary>
    public static Interop.Gluster.TimeSpec FromTime(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TicksPerSecond;
        }

        return new Interop.Gluster.TimeSpec { Seconds = seconds, Nanoseconds = remainder * 100 };
    }

    /// <summary>The NUL-separated names of a <c>listxattr</c> answer.</summary>
    public static IReadOnlyList<string> ParseNames(ReadOnlySpan<byte> list)
    {
        var names = new List<string>();
        while (!list.IsEmpty)
        {
            int end = list.IndexOf((byte)0);
            var name = end < 0 ? list : list[..end];
            if (!name.IsEmpty)
            {
                names.Add(System.Text.Encoding.UTF8.GetString(name));
            }

            list = end < 0 ? [] : list[(end + 1)..];
        }

        return names;
    }
}
