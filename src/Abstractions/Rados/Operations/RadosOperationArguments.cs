using System.Text;

namespace StorageKit.Rados;

/// <summary>Argument checks of the operation builders, run when a step is added, before any I/O.</summary>
internal static class RadosOperationArguments
{
    /// <summary>utime_t keeps seconds in 32 bits: later times wrap on the OSD, earlier ones (negative) are garbage.</summary>
    public static readonly DateTimeOffset MaxModifiedTime = DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue);

    public static void Comparison(RadosComparison comparison)
    {
        if (!Enum.IsDefined(comparison))
        {
            throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Not a LIBRADOS_CMPXATTR_OP_* value.");
        }
    }

    public static void ModifiedTime(DateTimeOffset time)
    {
        if (time < DateTimeOffset.UnixEpoch || time > MaxModifiedTime)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "The OSD keeps modification times as unsigned 32-bit seconds since 1970.");
        }
    }

    /// <summary>
    /// Refuses a write of nothing at an offset past 0. Measured on Ceph 16: when such a write extends an object that
    /// carries a full-object checksum (any object last written whole), the OSD grows the object but keeps the old
    /// checksum; the next full read fails it, returns EIO and — with no other replica — marks the object unfound,
    /// blocking every later request on it.
    /// </summary>
    public static void NotAnEmptyWritePastStart(int length, long offset, string paramName = "data")
    {
        if (length == 0 && offset > 0)
        {
            throw new ArgumentException("Writing nothing past offset 0 can leave a stale full-object checksum on Ceph 16 (the object then reads as EIO / unfound); use Truncate or Create instead.", paramName);
        }
    }

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/> in omap (bytewise UTF-8) order.</summary>
    public static bool SortsAfter(string left, string right)
        => Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right)) > 0;
}
