using StorageKit.Conformance.Framework;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Files and directories outliving their volume handle's mount: after Unmount they answer ENOTCONN until closed,
/// after Dispose of the volume ObjectDisposedException; and errors libgfapi hands to <c>glfs_close</c>.
/// </summary>
[ConformanceArea("gluster.lifetime")]
public static class HandleLifetimeCases
{
    /// <summary>
    /// After Unmount, a file and a directory opened through the handle answer ENOTCONN; Close still works, and
    /// then they answer ObjectDisposedException like any closed handle.
    /// </summary>
    [ConformanceCase]
    public static void OpenHandlesOfUnmountedVolumeAreNotConnected(GlusterCaseContext c)
    {
        string path = c.WriteFile(c.NewPath(), [1, 2, 3]);
        IGlusterVolume volume = c.NewVolume();
        IGlusterFile file = volume.Open(path, GlusterOpenFlags.ReadOnly);
        IGlusterDirectory directory = volume.OpenDirectory(c.Root);
        volume.Unmount();
        byte[] buffer = new byte[3];
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => file.Read(buffer), "read after unmount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => file.Stat(), "fstat after unmount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => directory.ReadNext(), "readdir after unmount");
        Check.True(!file.IsClosed, "the file is not closed by the unmount");
        file.Close();
        directory.Close();
        Check.True(file.IsClosed && directory.IsClosed, "closed after Close");
        Check.ThrowsExactly<ObjectDisposedException>(() => file.Read(buffer), "read after close");
        Check.ThrowsExactly<ObjectDisposedException>(() => directory.ReadNext(), "readdir after close");
    }

    /// <summary>A file and a directory stay unusable after a remount: they belonged to the old mount (ENOTCONN).</summary>
    [ConformanceCase]
    public static void OpenHandlesDoNotSurviveRemount(GlusterCaseContext c)
    {
        string path = c.WriteFile(c.NewPath(), [1, 2, 3]);
        IGlusterVolume volume = c.NewVolume();
        using IGlusterFile file = volume.Open(path, GlusterOpenFlags.ReadOnly);
        volume.Unmount();
        volume.Mount();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => file.ReadAt(new byte[3], 0), "read through the old mount's file");
        using IGlusterFile again = volume.Open(path, GlusterOpenFlags.ReadOnly);
        Check.Equal(3, again.ReadAt(new byte[3], 0), "a file opened after the remount reads");
    }

    /// <summary>After Dispose of the volume its files and directories answer ObjectDisposedException; Close still works.</summary>
    [ConformanceCase]
    public static void OpenHandlesOfDisposedVolumeAreDisposed(GlusterCaseContext c)
    {
        string path = c.WriteFile(c.NewPath(), [1, 2, 3]);
        IGlusterVolume volume = c.NewVolume();
        IGlusterFile file = volume.Open(path, GlusterOpenFlags.ReadOnly);
        IGlusterDirectory directory = volume.OpenDirectory(c.Root);
        volume.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => file.Read(new byte[3]), "read after the volume's dispose");
        Check.ThrowsExactly<ObjectDisposedException>(() => directory.ReadNext(), "readdir after the volume's dispose");
        file.Close();
        directory.Close();
        Check.True(file.IsClosed && directory.IsClosed, "closed after Close");
    }

    /// <summary>
    /// A write through a read-only file "succeeds" (write-behind) and its EBADF comes back from Close, which closes
    /// the file all the same; a second Close does nothing and the content is unchanged.
    /// </summary>
    [ConformanceCase]
    public static void CloseReportsDeferredWriteError(GlusterCaseContext c)
    {
        string path = c.WriteFile(c.NewPath(), [1, 2, 3]);
        IGlusterFile file = c.Volume.Open(path, GlusterOpenFlags.ReadOnly);
        Check.Equal(1, file.Write([9]), "write through a read-only file");
        Check.Throws<StorageException>(Errno.EBADF, file.Close, "close after the refused write");
        Check.True(file.IsClosed, "closed although Close failed");
        file.Close();
        Check.Bytes([1, 2, 3], c.Volume.ReadAllBytes(path), "content unchanged");
    }
}
