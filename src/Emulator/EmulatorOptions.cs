namespace StorageKit.Emulator;

/// <summary>Settings of an emulated storage world.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Source of all time (mtimes, later lock expiry and notify timeouts); swap in a fake clock in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Raw capacity the emulated cluster reports, in bytes.</summary>
    public long CapacityBytes { get; set; } = 1L << 40;

    /// <summary>Fixed cluster fsid; a random one when null.</summary>
    public Guid? Fsid { get; set; }
}
