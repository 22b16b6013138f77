namespace StorageKit.Emulator.Rados;

internal sealed partial class EmulatedObject
{
    /// <summary>
    /// The ranges written, zeroed or truncated since the object's newest clone was made (the OSD's
    /// <c>modified_ranges</c> that shrink that clone's <c>clone_overlap</c>); null until the first clone, so objects
    /// without snapshots track nothing.
    /// </summary>
    public IntervalSet? Modified { get; set; }

    private void Track(long offset, long length) => Modified?.Add(offset, length);

    /// <summary>A truncate changes the range between the old and the new size, whichever way it goes.</summary>
    private void TrackResize(long oldSize, long newSize) => Track(Math.Min(oldSize, newSize), Math.Abs(newSize - oldSize));
}
