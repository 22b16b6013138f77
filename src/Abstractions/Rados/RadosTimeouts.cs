namespace StorageKit.Rados;

/// <summary>
/// The conversions of watch timeouts, notify timeouts and lock durations to what librados takes, shared by
/// both implementations so they round the same way. Negative values (and values C cannot hold) throw
/// <see cref="ArgumentOutOfRangeException"/> before any I/O.
/// </summary>
internal static class RadosTimeouts
{
    /// <summary>librados' <c>client_notify_timeout</c> default: a notify timeout of 0 means this.</summary>
    public static readonly TimeSpan DefaultNotifyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The OSD's <c>osd_default_notify_timeout</c>: what a notify timeout under one second becomes.</summary>
    public static readonly TimeSpan OsdDefaultNotifyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The OSD's <c>osd_client_watch_timeout</c> default: a watch timeout of 0 means this.</summary>
    public static readonly TimeSpan DefaultWatchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often librados confirms its watches (<c>objecter_tick_interval</c>).</summary>
    public static readonly TimeSpan WatchPingInterval = TimeSpan.FromSeconds(5);

    /// <summary>Whole seconds for <c>rados_watch3</c>, rounded up; 0 for null (the OSD's default).</summary>
    public static uint WatchSeconds(TimeSpan? timeout, string paramName = "timeout")
    {
        if (timeout is not { } value)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, paramName);
        long seconds = (value.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue, paramName);
        return (uint)seconds;
    }

    /// <summary>Milliseconds for <c>rados_notify2</c>, rounded up; 0 for null (librados' default).</summary>
    public static ulong NotifyMilliseconds(TimeSpan? timeout, string paramName = "timeout")
    {
        if (timeout is not { } value)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, paramName);
        return (ulong)((value.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }

    /// <summary>
    /// The timeout the OSD applies to a notify given <paramref name="milliseconds"/> (measured on Ceph 16):
    /// librados sends whole seconds, truncated; 0 ms means <see cref="DefaultNotifyTimeout"/>, and 1 to 999 ms
    /// truncate to 0 s, which the OSD replaces with <see cref="OsdDefaultNotifyTimeout"/>.
    /// </summary>
    public static TimeSpan EffectiveNotifyTimeout(ulong milliseconds)
    {
        if (milliseconds == 0)
        {
            return DefaultNotifyTimeout;
        }

        ulong seconds = milliseconds / 1000;
        return seconds == 0 ? OsdDefaultNotifyTimeout : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A lock duration as <c>struct timeval</c> (seconds, microseconds, rounded up); null for null.</summary>
    public static (long Seconds, long Microseconds)? LockDuration(TimeSpan? duration, string paramName = "duration")
    {
        if (duration is not { } value)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, paramName);
        long microseconds = (value.Ticks + 9) / 10;
        return (microseconds / 1_000_000, microseconds % 1_000_000);
    }
}
