using StorageKit.Conformance.Framework;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Volume handles: mounting, unknown volumes, use after unmount or dispose, volume id, statvfs, logging, working
/// directory and the fsuid/fsgid identity permission checks use.
/// </summary>
[ConformanceArea("gluster.volume")]
public static class VolumeCases
{
    private const int OtherUser = 1000;

    /// <summary>a handle opened with mount: false is not mounted until Mount; mounting twice does nothing.</summary>
    [ConformanceCase]
    public static void MountMountsAndIsIdempotent(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume(mount: false);
        Check.True(!volume.IsMounted, "not mounted before Mount");
        volume.Mount();
        Check.True(volume.IsMounted, "mounted after Mount");
        volume.Mount();
        Check.True(volume.IsMounted, "still mounted after a second Mount");
        Check.True(volume.Stat(c.Root).IsDirectory, "the case directory is visible through the new mount");
        Check.Equal(c.Session.GlusterVolume.VolumeName, volume.Options.VolumeName, "Options keeps the volume name");
    }

    /// <summary>path operations before Mount are ENOTCONN.</summary>
    [ConformanceCase]
    public static void OperationsBeforeMountAreNotConnected(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume(mount: false);
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => volume.Stat("/"), "stat before mount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => volume.CreateDirectory(c.Path("x")), "mkdir before mount");
    }

    /// <summary>after Unmount the handle is not mounted and path operations are ENOTCONN; Unmount twice is fine.</summary>
    [ConformanceCase]
    public static void UnmountedVolumeIsNotConnected(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        volume.Unmount();
        Check.True(!volume.IsMounted, "not mounted after Unmount");
        volume.Unmount();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => volume.Stat(c.Root), "stat after unmount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => volume.OpenDirectory(c.Root), "opendir after unmount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => volume.StatVfs("/"), "statvfs after unmount");
    }

    /// <summary>a handle mounted again after Unmount sees the volume, including what was written meanwhile.</summary>
    [ConformanceCase]
    public static void RemountSeesTheVolume(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        volume.Unmount();
        string path = c.WriteFile(c.NewPath(), [1, 2, 3]);
        volume.Mount();
        Check.True(volume.IsMounted, "mounted again");
        Check.Equal(3L, volume.Stat(path).Size, "size seen after remount");
    }

    /// <summary>opening a volume that does not exist is ENOENT (glfs_init).</summary>
    [ConformanceCase]
    public static void UnknownVolumeIsNotFound(GlusterCaseContext c)
    {
        GlusterVolumeOptions options = c.Session.GlusterVolume with { VolumeName = "nope-" + Guid.NewGuid().ToString("N")[..8] };
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Session.GlusterClient.OpenVolume(options).Dispose(), "open unknown volume");
    }

    /// <summary>any use of a disposed handle is ObjectDisposedException; disposing twice is fine.</summary>
    [ConformanceCase]
    public static void DisposedVolumeThrowsObjectDisposed(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        volume.Dispose();
        volume.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => volume.Stat(c.Root), "stat");
        Check.ThrowsExactly<ObjectDisposedException>(() => volume.Mount(), "mount");
        Check.ThrowsExactly<ObjectDisposedException>(() => volume.GetVolumeId(), "volume id");
        Check.ThrowsExactly<ObjectDisposedException>(() => volume.GetCurrentDirectory(), "getcwd");
    }

    /// <summary>argument checks come before the disposed check: a null path on a disposed handle is ArgumentNullException.</summary>
    [ConformanceCase]
    public static void ArgumentChecksComeBeforeDisposedCheck(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        volume.Dispose();
        Check.ThrowsExactly<ArgumentNullException>(() => volume.Stat(null!), "stat(null) on a disposed handle");
    }

    /// <summary>the volume id is nonzero and the same through every handle and across remounts.</summary>
    [ConformanceCase]
    public static void VolumeIdIsStableAndNonZero(GlusterCaseContext c)
    {
        Guid id = c.Volume.GetVolumeId();
        Check.True(id != Guid.Empty, "volume id is not all zeros");
        IGlusterVolume other = c.NewVolume();
        Check.Equal(id, other.GetVolumeId(), "id through a second handle");
        other.Unmount();
        other.Mount();
        Check.Equal(id, other.GetVolumeId(), "id after remount");
    }

    /// <summary>statvfs: 255-byte names, free counts within the totals, not read-only, the same for a file and the root.</summary>
    [ConformanceCase]
    public static void StatVfsReportsConsistentFigures(GlusterCaseContext c)
    {
        GlusterStatVfs vfs = c.Volume.StatVfs("/");
        Check.Equal(255UL, vfs.MaxNameLength, "f_namemax");
        Check.True(vfs.BlockSize > 0 && vfs.FragmentSize > 0, "block and fragment sizes are positive");
        Check.True(vfs.BlocksFree <= vfs.Blocks, "f_bfree <= f_blocks");
        Check.True(vfs.BlocksAvailable <= vfs.BlocksFree, "f_bavail <= f_bfree");
        Check.True(vfs.FilesFree <= vfs.Files, "f_ffree <= f_files");
        Check.Equal(0UL, vfs.Flags & 1, "ST_RDONLY is clear");
        string file = c.WriteFile(c.NewPath(), [1]);
        GlusterStatVfs onFile = c.Volume.StatVfs(file);
        Check.Equal(vfs.MaxNameLength, onFile.MaxNameLength, "f_namemax through a file");
        Check.Equal(vfs.Blocks, onFile.Blocks, "f_blocks through a file");
    }

    /// <summary>statvfs of a missing path is ENOENT.</summary>
    [ConformanceCase]
    public static void StatVfsMissingIsNotFound(GlusterCaseContext c)
        => Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.StatVfs(c.Path("nope")), "statvfs missing");

    /// <summary>SetLogging works before and after mounting, with a file, with libgfapi's default (null) and any level.</summary>
    [ConformanceCase]
    public static void SetLoggingBeforeAndAfterMount(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume(mount: false);
        volume.SetLogging("/dev/null", 3);
        volume.Mount();
        volume.SetLogging("/dev/null", 9);
        volume.SetLogging("/dev/null", 0);
        Check.True(volume.Stat(c.Root).IsDirectory, "the volume works after changing the log level");
    }

    /// <summary>the working directory is / after mounting; relative paths resolve against it once changed.</summary>
    [ConformanceCase]
    public static void RelativePathsResolveAgainstWorkingDirectory(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        Check.Equal("/", volume.GetCurrentDirectory(), "cwd after mount");
        string file = c.WriteFile(c.Path("f"), [1, 2]);
        volume.ChangeDirectory(c.Root);
        Check.Equal(c.Root, volume.GetCurrentDirectory(), "cwd after chdir");
        Check.Equal(2L, volume.Stat("f").Size, "stat of a relative name");
        volume.CreateDirectory("sub");
        Check.True(c.Volume.Stat(c.Path("sub")).IsDirectory, "relative mkdir made the directory under the cwd");
        volume.ChangeDirectory("sub");
        Check.Equal(c.Path("sub"), volume.GetCurrentDirectory(), "cwd after relative chdir");
        Check.Equal(c.Volume.Stat(file).Inode, volume.Stat("../f").Inode, "../f from the subdirectory");
        volume.ChangeDirectory("..");
        Check.Equal(c.Root, volume.GetCurrentDirectory(), "cwd after chdir ..");
    }

    /// <summary>chdir through a symbolic link makes the link's target (resolved) the working directory.</summary>
    [ConformanceCase]
    public static void ChangeDirectoryThroughSymlinkResolvesIt(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        c.Volume.CreateDirectory(c.Path("real"));
        c.Volume.Symlink("real", c.Path("link"));
        volume.ChangeDirectory(c.Path("link"));
        Check.Equal(c.Path("real"), volume.GetCurrentDirectory(), "cwd after chdir via a link");
    }

    /// <summary>chdir to a file is ENOTDIR, to a missing path ENOENT, to "" EINVAL; the cwd stays.</summary>
    [ConformanceCase]
    public static void ChangeDirectoryErrors(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageException>(Errno.ENOTDIR, () => volume.ChangeDirectory(file), "chdir to a file");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => volume.ChangeDirectory(c.Path("nope")), "chdir to a missing path");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => volume.ChangeDirectory(""), "chdir to \"\"");
        Check.Equal("/", volume.GetCurrentDirectory(), "cwd unchanged");
    }

    /// <summary>
    /// once the working directory is removed, relative calls fail (ESTALE; ENOENT when the client already forgot the
    /// inode, which happens on a busy real volume) and getcwd shows "&lt;gfid:UUID&gt;"; an absolute chdir recovers.
    /// </summary>
    [ConformanceCase]
    public static void RemovedWorkingDirectoryIsStale(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        volume.ChangeDirectory(dir);
        volume.RemoveDirectory(dir);
        string cwd = volume.GetCurrentDirectory();
        Check.True(cwd.StartsWith("<gfid:", StringComparison.Ordinal) && cwd.EndsWith('>') && Guid.TryParse(cwd[6..^1], out _), $"getcwd '{cwd}' is <gfid:UUID>");
        StaleOrGone(() => volume.CreateDirectory("x"), "mkdir relative");
        StaleOrGone(() => volume.Stat("."), "stat .");
        volume.ChangeDirectory(c.Root);
        Check.Equal(c.Root, volume.GetCurrentDirectory(), "an absolute chdir recovers");
        Check.Equal(0, volume.ListDirectory(c.Root).Count, "nothing was created");
    }

    /// <summary>every handle has its own working directory.</summary>
    [ConformanceCase]
    public static void WorkingDirectoryIsPerHandle(GlusterCaseContext c)
    {
        IGlusterVolume first = c.NewVolume();
        IGlusterVolume second = c.NewVolume();
        first.ChangeDirectory(c.Root);
        Check.Equal(c.Root, first.GetCurrentDirectory(), "first handle's cwd");
        Check.Equal("/", second.GetCurrentDirectory(), "second handle's cwd");
        Check.Equal("/", c.Volume.GetCurrentDirectory(), "the case handle's cwd");
    }

    /// <summary>with fsuid/fsgid 1000, creating a file or directory in root's 0755 directory is EACCES.</summary>
    [ConformanceCase]
    public static void OtherUserCannotCreateInRootsDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir, (UnixFileMode)0x1ED);
        IGlusterVolume user = OtherUserVolume(c);
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Open(GlusterPath.Join(dir, "f"), GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create, (UnixFileMode)0x1A4).Dispose(), "creat");
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.CreateDirectory(GlusterPath.Join(dir, "sub")), "mkdir");
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Symlink("x", GlusterPath.Join(dir, "l")), "symlink");
    }

    /// <summary>
    /// with fsuid 1000, root's 0600 file can be stat'ed but Access denies reading; a 0644 one may be read, not written.
    /// (Opening an existing file is not asserted: GlusterFS's open-behind lets a fresh handle's first open through.)
    /// </summary>
    [ConformanceCase]
    public static void OtherUserStatsButCannotAccessPrivateFile(GlusterCaseContext c)
    {
        string secret = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(secret, (UnixFileMode)0x180);
        string shared = c.WriteFile(c.NewPath(), [2]);
        c.Volume.Chmod(shared, (UnixFileMode)0x1A4);
        IGlusterVolume user = OtherUserVolume(c);
        GlusterStat s = user.Stat(secret);
        Check.Equal((1L, 0x8180u, 0), (s.Size, s.Mode, s.UserId), "stat of the 0600 file");
        Check.True(!user.Access(secret, GlusterAccessMode.Read), "R_OK on 0600");
        Check.True(!user.Access(secret, GlusterAccessMode.Write), "W_OK on 0600");
        Check.True(user.Access(shared, GlusterAccessMode.Read), "R_OK on 0644");
        Check.True(!user.Access(shared, GlusterAccessMode.Read | GlusterAccessMode.Write), "R_OK|W_OK on 0644");
    }

    /// <summary>with fsuid 1000, chmod and chown of root's file are EPERM; chown -1,-1 is allowed; utimens with explicit times and truncate are EACCES.</summary>
    [ConformanceCase]
    public static void OtherUserCannotChangeRootsFile(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(file, (UnixFileMode)0x1A4);
        IGlusterVolume user = OtherUserVolume(c);
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => user.Chmod(file, (UnixFileMode)0x1B6), "chmod");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => user.Chown(file, OtherUser, OtherUser), "chown to 1000");
        user.Chown(file, -1, -1);
        var when = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.SetTimes(file, when, when), "utimens explicit");
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Truncate(file, 0), "truncate");
        Check.Equal(0x1A4u, c.Volume.Stat(file).Mode & 0xFFF, "mode unchanged");
    }

    /// <summary>with fsuid 1000, unlinking root's file from root's 0755 directory is EACCES.</summary>
    [ConformanceCase]
    public static void OtherUserCannotUnlinkFromRootsDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir, (UnixFileMode)0x1ED);
        string file = c.WriteFile(GlusterPath.Join(dir, "f"), [1]);
        IGlusterVolume user = OtherUserVolume(c);
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Unlink(file), "unlink");
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Rename(file, GlusterPath.Join(dir, "g")), "rename");
        Check.True(c.Volume.Exists(file), "the file is still there");
    }

    /// <summary>files and directories created with fsuid/fsgid 1000 belong to 1000:1000; the owner may chmod, not give the file to root.</summary>
    [ConformanceCase]
    public static void CreatedFilesCarryFsUidAndFsGid(GlusterCaseContext c)
    {
        IGlusterVolume user = OtherUserVolume(c);
        string file = c.NewPath();
        user.Open(file, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create, (UnixFileMode)0x1A4).Dispose();
        string dir = c.NewPath("d");
        user.CreateDirectory(dir, (UnixFileMode)0x1ED);
        GlusterStat fileStat = c.Volume.Stat(file);
        Check.Equal((OtherUser, OtherUser), (fileStat.UserId, fileStat.GroupId), "owner of the created file");
        GlusterStat dirStat = c.Volume.Stat(dir);
        Check.Equal((OtherUser, OtherUser), (dirStat.UserId, dirStat.GroupId), "owner of the created directory");
        user.Chmod(file, (UnixFileMode)0x180);
        Check.Equal(0x180u, user.Stat(file).Mode & 0xFFF, "the owner's chmod (seen through the owner's handle: another handle may cache the old mode)");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => user.Chown(file, 0, -1), "give the file to root");
        user.Chown(file, -1, OtherUser);
    }

    /// <summary>permission classes: the owner's bits apply to the owner, the group's to group members, the others' to the rest, with no fallback.</summary>
    [ConformanceCase]
    public static void PermissionClassesDoNotFallBack(GlusterCaseContext c)
    {
        string group640 = Owned(c, 0, OtherUser, 0x1A0);
        string other604 = Owned(c, 0, 0, 0x184);
        string owner077 = Owned(c, OtherUser, OtherUser, 0x3F);
        string group707 = Owned(c, 0, OtherUser, 0x1C7);
        IGlusterVolume user = OtherUserVolume(c);
        Check.True(user.Access(group640, GlusterAccessMode.Read) && !user.Access(group640, GlusterAccessMode.Write), "group member on 0640: read, not write");
        Check.True(user.Access(other604, GlusterAccessMode.Read) && !user.Access(other604, GlusterAccessMode.Write), "other on 0604: read, not write");
        Check.True(!user.Access(owner077, GlusterAccessMode.Read) && user.Access(owner077, GlusterAccessMode.Exists), "owner of 0077: no read although group and others may");
        Check.True(!user.Access(group707, GlusterAccessMode.Read), "group member on 0707: no read although others may");
    }

    /// <summary>in a sticky 01777 directory uid 1000 cannot unlink or rename root's file (EACCES) but may its own; without the sticky bit it may unlink root's.</summary>
    [ConformanceCase]
    public static void StickyDirectoryProtectsOthersFiles(GlusterCaseContext c)
    {
        string sticky = c.NewPath("st");
        c.Volume.CreateDirectory(sticky);
        c.Volume.Chmod(sticky, (UnixFileMode)0x3FF);
        string rootsFile = c.WriteFile(GlusterPath.Join(sticky, "root"), []);
        string open = c.NewPath("w");
        c.Volume.CreateDirectory(open);
        string rootsOther = c.WriteFile(GlusterPath.Join(open, "root"), []);
        IGlusterVolume user = OtherUserVolume(c);
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Unlink(rootsFile), "unlink root's file in the sticky directory");
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.Rename(rootsFile, GlusterPath.Join(sticky, "moved")), "rename root's file in the sticky directory");
        string mine = GlusterPath.Join(sticky, "mine");
        user.Open(mine, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create, (UnixFileMode)0x1A4).Dispose();
        user.Unlink(mine);
        user.Unlink(rootsOther);
        Check.True(!user.Exists(rootsOther) && user.Exists(rootsFile), "only the unprotected file went");
    }

    /// <summary>uid 1000 may make FIFOs and even character devices (the brick creates them as root), owned by 1000 with the device number kept.</summary>
    [ConformanceCase]
    public static void OtherUserMayMakeNodes(GlusterCaseContext c)
    {
        IGlusterVolume user = OtherUserVolume(c);
        string device = c.NewPath("c");
        user.MakeNode(device, GlusterFileType.CharacterDevice, (UnixFileMode)0x1A4, 259);
        string fifo = c.NewPath("p");
        user.MakeNode(fifo, GlusterFileType.Fifo, (UnixFileMode)0x1A4);
        GlusterStat s = user.LStat(device);
        Check.Equal((GlusterFileType.CharacterDevice, OtherUser, 259UL), (s.FileType, s.UserId, s.SpecialDevice), "the device");
        Check.Equal(GlusterFileType.Fifo, user.LStat(fifo).FileType, "the FIFO");
    }

    /// <summary>the owner (uid 1000) may set set-user-id and set-group-id on its file, set explicit times, and chown to its own group but not another (EPERM).</summary>
    [ConformanceCase]
    public static void OwnerMayChangeOwnFile(GlusterCaseContext c)
    {
        IGlusterVolume user = OtherUserVolume(c);
        string file = c.NewPath();
        user.Open(file, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create, (UnixFileMode)0x1A4).Dispose();
        user.Chmod(file, (UnixFileMode)0xDED);
        Check.Equal(0x8DEDu, user.Stat(file).Mode, "06755 by the owner");
        DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(5);
        user.SetTimes(file, when, when);
        Check.Equal(when, user.Stat(file).ModificationTime, "explicit times by the owner");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => user.Chown(file, -1, 5), "chown to a group it is not in");
    }

    /// <summary>Access answers for root (even on a 0000 file) and for uid 1000 (by the permission bits).</summary>
    [ConformanceCase]
    public static void AccessAnswersPerIdentity(GlusterCaseContext c)
    {
        string none = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(none, 0);
        string secret = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(secret, (UnixFileMode)0x180);
        string shared = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(shared, (UnixFileMode)0x1A4);
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir, (UnixFileMode)0x1ED);

        Check.True(c.Volume.Access(none, GlusterAccessMode.Read | GlusterAccessMode.Write), "root R|W on 0000");
        Check.True(c.Volume.Access(none, GlusterAccessMode.Execute), "root X on 0000 (GlusterFS allows it)");
        IGlusterVolume user = OtherUserVolume(c);
        Check.True(user.Access(secret, GlusterAccessMode.Exists), "1000 F_OK on 0600");
        Check.True(!user.Access(secret, GlusterAccessMode.Read), "1000 R_OK on 0600");
        Check.True(user.Access(shared, GlusterAccessMode.Read), "1000 R_OK on 0644");
        Check.True(!user.Access(shared, GlusterAccessMode.Write), "1000 W_OK on 0644");
        Check.True(user.Access(dir, GlusterAccessMode.Execute), "1000 X_OK on a 0755 directory");
        Check.True(!user.Access(dir, GlusterAccessMode.Write), "1000 W_OK on a 0755 directory");
        Check.True(!user.Access(c.Path("nope"), GlusterAccessMode.Exists), "1000 F_OK on a missing path");
    }

    /// <summary>
    /// with fsuid 1000, opendir of root's 0700 directory is EACCES; chdir into it works. (A lookup inside it is EACCES
    /// on a fresh handle but passes where the client cached the entries, so it is not asserted.)
    /// </summary>
    [ConformanceCase]
    public static void OtherUserAndPrivateDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir, (UnixFileMode)0x1C0);
        c.WriteFile(GlusterPath.Join(dir, "f"), [1, 2]);
        IGlusterVolume user = OtherUserVolume(c);
        Check.Throws<StoragePermissionException>(Errno.EACCES, () => user.OpenDirectory(dir).Dispose(), "opendir 0700");
        user.ChangeDirectory(dir);
        Check.Equal(dir, user.GetCurrentDirectory(), "chdir into the 0700 directory");
    }

    /// <summary>the identity is per handle: another handle stays root; setting fsuid 0 again restores root's rights.</summary>
    [ConformanceCase]
    public static void IdentityIsPerHandleAndReversible(GlusterCaseContext c)
    {
        string secret = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(secret, (UnixFileMode)0x180);
        IGlusterVolume user = OtherUserVolume(c);
        Check.True(!user.Access(secret, GlusterAccessMode.Read), "1000 cannot read");
        c.Volume.Open(secret, GlusterOpenFlags.ReadOnly).Dispose();
        user.SetFsUid(0);
        user.SetFsGid(0);
        user.Open(secret, GlusterOpenFlags.ReadOnly).Dispose();
        Check.True(user.Access(secret, GlusterAccessMode.Read), "root again");
    }

    private static void StaleOrGone(Action action, string what)
    {
        try
        {
            action();
        }
        catch (StorageException ex) when (ex.Errno is (Errno)116 or Errno.ENOENT)
        {
            return;
        }

        throw new ConformanceFailedException($"{what}: expected ESTALE or ENOENT, but it succeeded");
    }

    private static string Owned(GlusterCaseContext c, int uid, int gid, int mode)
    {
        string path = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chown(path, uid, gid);
        c.Volume.Chmod(path, (UnixFileMode)mode);
        return path;
    }

    private static IGlusterVolume OtherUserVolume(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        volume.SetFsUid(OtherUser);
        volume.SetFsGid(OtherUser);
        return volume;
    }
}
