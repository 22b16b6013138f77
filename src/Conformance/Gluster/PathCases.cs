using System.Text;
using StorageKit.Conformance.Framework;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Path operations: stat/lstat, access, realpath, chmod/chown, times, truncate, hard and symbolic links (with
/// loops and the resolution limit), rename, unlink, mknod, name limits, odd paths and the predicates of
/// <see cref="GlusterVolumeExtensions"/>.
/// </summary>
[ConformanceArea("gluster.paths")]
public static class PathCases
{
    /// <summary>the longest symlink chain glfs_resolve follows (GlusterFS's own limit, far above Linux's 40).</summary>
    private const int SymlinkFollowLimit = 2048;

    /// <summary>ESTALE (116), which the kit's <see cref="Errno"/> does not name.</summary>
    private const Errno Stale = (Errno)116;

    /// <summary>stat of a file, a directory and a link: types, sizes and link counts; lstat sees the link itself, sized as its target string.</summary>
    [ConformanceCase]
    public static void StatReportsTypesSizesAndLinkCounts(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), new byte[4097]);
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);

        GlusterStat f = c.Volume.Stat(file);
        Check.Equal(GlusterFileType.RegularFile, f.FileType, "file type");
        Check.Equal(4097L, f.Size, "file size");
        Check.Equal(1UL, f.LinkCount, "file nlink");
        GlusterStat d = c.Volume.Stat(dir);
        Check.Equal(GlusterFileType.Directory, d.FileType, "directory type");
        Check.Equal(2UL, d.LinkCount, "empty directory nlink");
        GlusterStat l = c.Volume.LStat(link);
        Check.Equal(GlusterFileType.SymbolicLink, l.FileType, "lstat of the link");
        Check.Equal((long)GlusterPath.GetFileName(file).Length, l.Size, "link size is its target's length");
        Check.Equal(0x1FFu, l.Mode & 0xFFF, "link permissions are 0777");
        GlusterStat followed = c.Volume.Stat(link);
        Check.Equal(f.Inode, followed.Inode, "stat follows the link");
        Check.True(l.Inode != f.Inode, "the link has an inode of its own");
    }

    /// <summary>a file's stat: owner root, device and inode equal between stat and lstat, blocks cover the size.</summary>
    [ConformanceCase]
    public static void StatOfFileIsConsistent(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), new byte[5000]);
        GlusterStat s = c.Volume.Stat(file);
        GlusterStat l = c.Volume.LStat(file);
        Check.Equal((s.Device, s.Inode), (l.Device, l.Inode), "stat and lstat of a file");
        Check.Equal((0, 0), (s.UserId, s.GroupId), "owner of root's file");
        Check.True(s.Blocks * 512 >= 5000, $"blocks {s.Blocks} cover 5000 bytes");
        Check.True(s.Inode != 0, "inode is nonzero");
    }

    /// <summary>stat and lstat of a missing path are ENOENT; of a name below a missing directory too.</summary>
    [ConformanceCase]
    public static void StatMissingIsNotFound(GlusterCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Stat(c.Path("nope")), "stat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.LStat(c.Path("nope")), "lstat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Stat(c.Path("nope/x")), "stat below a missing directory");
    }

    /// <summary>a path going through a regular file is ENOTDIR, for stat, mkdir, creat, unlink, rmdir and truncate.</summary>
    [ConformanceCase]
    public static void ComponentThroughFileIsNotDirectory(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string below = GlusterPath.Join(file, "x");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Stat(below), "stat");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.CreateDirectory(below), "mkdir");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Open(below, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create).Dispose(), "creat");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Unlink(below), "unlink");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.RemoveDirectory(below), "rmdir");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Truncate(below, 0), "truncate");
    }

    /// <summary>hard links share the inode; the link count follows link and unlink.</summary>
    [ConformanceCase]
    public static void HardLinksShareInodeAndCountLinks(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), [1, 2, 3]);
        string b = c.NewPath();
        string d = c.NewPath();
        c.Volume.Link(a, b);
        c.Volume.Link(a, d);
        Check.Equal(c.Volume.Stat(a).Inode, c.Volume.Stat(b).Inode, "inode of the link");
        Check.Equal(3UL, c.Volume.Stat(b).LinkCount, "nlink with three names");
        c.Volume.Unlink(a);
        Check.Equal(2UL, c.Volume.Stat(d).LinkCount, "nlink after unlinking one");
        Check.Bytes([1, 2, 3], c.Volume.ReadAllBytes(b), "content through the link");
    }

    /// <summary>link of a directory is EISDIR (not EPERM), onto an existing name EEXIST, of a missing source ENOENT.</summary>
    [ConformanceCase]
    public static void LinkErrors(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string a = c.WriteFile(c.NewPath(), [1]);
        string b = c.WriteFile(c.NewPath(), [2]);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Link(dir, c.NewPath()), "link a directory");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Link(a, a), "link onto itself");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Link(a, b), "link onto another file");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Link(c.Path("nope"), c.NewPath()), "link a missing source");
        Check.Equal(1UL, c.Volume.Stat(a).LinkCount, "nlink unchanged");
    }

    /// <summary>link into a missing directory is ESTALE on GlusterFS (its resolver's answer for a missing parent here).</summary>
    [ConformanceCase]
    public static void LinkIntoMissingDirectoryIsStale(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageException>(Stale, () => c.Volume.Link(a, c.Path("nodir/x")), "link into a missing directory");
    }

    /// <summary>link of a symbolic link links the link itself (both names are links, nlink 2), even a dangling one.</summary>
    [ConformanceCase]
    public static void LinkOfSymlinkLinksTheLink(GlusterCaseContext c)
    {
        string target = c.WriteFile(c.NewPath(), [1]);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(target), link);
        string second = c.NewPath("l");
        c.Volume.Link(link, second);
        GlusterStat s = c.Volume.LStat(second);
        Check.Equal(GlusterFileType.SymbolicLink, s.FileType, "type of the new name");
        Check.Equal(2UL, s.LinkCount, "nlink of the link");
        Check.Equal(1UL, c.Volume.Stat(target).LinkCount, "the target's nlink is unchanged");
        string dangling = c.NewPath("l");
        c.Volume.Symlink("missing", dangling);
        c.Volume.Link(dangling, c.NewPath("l"));
        Check.Equal(2UL, c.Volume.LStat(dangling).LinkCount, "nlink of the dangling link");
    }

    /// <summary>symlink onto an existing name (file or dangling link) is EEXIST; into a missing directory ENOENT.</summary>
    [ConformanceCase]
    public static void SymlinkErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string dangling = c.NewPath("l");
        c.Volume.Symlink("nope", dangling);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Symlink("x", file), "symlink onto a file");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Symlink("x", dangling), "symlink onto a dangling link");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Symlink("x", c.Path("nodir/l")), "symlink into a missing directory");
    }

    /// <summary>readlink returns the stored target verbatim; of a file or directory it is EINVAL, of a missing path ENOENT.</summary>
    [ConformanceCase]
    public static void ReadLinkReturnsTargetOrFails(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string link = c.NewPath("l");
        c.Volume.Symlink("../some/where/./x", link);
        Check.Equal("../some/where/./x", c.Volume.ReadLink(link), "target");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.ReadLink(file), "readlink of a file");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.ReadLink(c.Root), "readlink of a directory");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ReadLink(c.Path("nope")), "readlink of a missing path");
    }

    /// <summary>a dangling link: lstat works, stat is ENOENT, Exists false, IsSymlink true; chmod/chown/truncate/utimens through it ENOENT.</summary>
    [ConformanceCase]
    public static void DanglingSymlink(GlusterCaseContext c)
    {
        string link = c.NewPath("l");
        c.Volume.Symlink("nope", link);
        Check.Equal(GlusterFileType.SymbolicLink, c.Volume.LStat(link).FileType, "lstat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Stat(link), "stat");
        Check.True(!c.Volume.Exists(link), "Exists");
        Check.True(c.Volume.IsSymlink(link), "IsSymlink");
        Check.True(!c.Volume.IsFile(link) && !c.Volume.IsDirectory(link), "neither file nor directory");
        Check.True(!c.Volume.Access(link, GlusterAccessMode.Exists), "access F_OK");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Chmod(link, (UnixFileMode)0x1A4), "chmod");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Chown(link, 1, 1), "chown");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Truncate(link, 0), "truncate");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.SetTimes(link, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), "utimens");
    }

    /// <summary>a link to itself: lstat works, stat/open/chmod/realpath are ELOOP, and a name below it is ENOTDIR.</summary>
    [ConformanceCase]
    public static void SelfLoopIsLoop(GlusterCaseContext c)
    {
        string link = c.Path("a");
        c.Volume.Symlink("a", link);
        Check.Equal(GlusterFileType.SymbolicLink, c.Volume.LStat(link).FileType, "lstat");
        Check.Equal("a", c.Volume.ReadLink(link), "readlink");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Stat(link), "stat");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Open(link, GlusterOpenFlags.ReadOnly).Dispose(), "open");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Open(link, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create).Dispose(), "creat");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Chmod(link, (UnixFileMode)0x1ED), "chmod");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.RealPath(link), "realpath");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Stat(c.Path("a/x")), "stat a/x through the loop");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectory(link), "mkdir onto the loop");
        Check.True(!c.Volume.Exists(link) && c.Volume.IsSymlink(link), "Exists false, IsSymlink true");
    }

    /// <summary>two links pointing at each other: stat of either is ELOOP.</summary>
    [ConformanceCase]
    public static void TwoLinkLoopIsLoop(GlusterCaseContext c)
    {
        c.Volume.Symlink("y", c.Path("x"));
        c.Volume.Symlink("x", c.Path("y"));
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Stat(c.Path("x")), "stat x");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Stat(c.Path("y")), "stat y");
    }

    /// <summary>a chain of 50 links resolves (GlusterFS does not stop at Linux's 40), as a file and as a directory in the middle of a path.</summary>
    [ConformanceCase]
    public static void ChainAboveLinuxLimitResolves(GlusterCaseContext c)
    {
        c.WriteFile(c.Path("L0"), [1, 2]);
        c.Volume.CreateDirectory(c.Path("D0"));
        c.WriteFile(c.Path("D0/f"), [1, 2, 3]);
        for (int i = 1; i <= 50; i++)
        {
            c.Volume.Symlink($"L{i - 1}", c.Path($"L{i}"));
            c.Volume.Symlink($"D{i - 1}", c.Path($"D{i}"));
        }

        Check.Equal(2L, c.Volume.Stat(c.Path("L50")).Size, "stat of a 50-link chain");
        Check.Equal(3L, c.Volume.Stat(c.Path("D50/f")).Size, "a 50-link chain as a directory component");
    }

    /// <summary>glfs_resolve follows at most 2048 links: a chain of 2048 resolves, 2049 is ELOOP.</summary>
    [ConformanceCase]
    public static void ChainAtResolutionLimit(GlusterCaseContext c)
    {
        c.WriteFile(c.Path("L0"), [1]);
        // Links may dangle while the chain is built, so make them side by side: 2049 round trips take seconds.
        Parallel.For(1, SymlinkFollowLimit + 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => c.Volume.Symlink($"L{i - 1}", c.Path($"L{i}")));

        Check.Equal(1L, c.Volume.Stat(c.Path($"L{SymlinkFollowLimit}")).Size, "a chain at the limit resolves");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Stat(c.Path($"L{SymlinkFollowLimit + 1}")), "one link above the limit");
        Parallel.For(1, SymlinkFollowLimit + 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => c.Volume.Unlink(c.Path($"L{i}")));
    }

    /// <summary>relative link targets resolve from the link's directory; absolute ones from the volume root.</summary>
    [ConformanceCase]
    public static void SymlinkTargetsResolveFromLinkDirectory(GlusterCaseContext c)
    {
        c.WriteFile(c.Path("x"), [1, 2, 3]);
        c.Volume.CreateDirectories(c.Path("a/b"));
        c.Volume.Symlink("../../x", c.Path("a/b/up"));
        c.Volume.Symlink(c.Path("x"), c.Path("a/abs"));
        Check.Equal(3L, c.Volume.Stat(c.Path("a/b/up")).Size, "relative target");
        Check.Equal(3L, c.Volume.Stat(c.Path("a/abs")).Size, "absolute target");
    }

    /// <summary>".." above the volume root in a link target stays at the root, as in a plain path.</summary>
    [ConformanceCase]
    public static void SymlinkDotDotAboveRootStaysAtRoot(GlusterCaseContext c)
    {
        c.WriteFile(c.Path("x"), [1, 2, 3]);
        c.Volume.CreateDirectory(c.Path("a"));
        string root = GlusterPath.GetFileName(c.Root);
        c.Volume.Symlink($"../../../../{root}/x", c.Path("a/up"));
        Check.Equal(3L, c.Volume.Stat(c.Path("a/up")).Size, "link target above the root");
        Check.Equal(3L, c.Volume.Stat($"{c.Root}/a/../../../{root}/x").Size, "plain path above the root");
    }

    /// <summary>a link target may be 4095 bytes (read back whole, lstat size 4095); 4096 is ENAMETOOLONG; "" is ENOENT.</summary>
    [ConformanceCase]
    public static void SymlinkTargetLimits(GlusterCaseContext c)
    {
        string target = new('t', 4095);
        string link = c.NewPath("l");
        c.Volume.Symlink(target, link);
        Check.Equal(target, c.Volume.ReadLink(link), "4095-byte target");
        Check.Equal(4095L, c.Volume.LStat(link).Size, "lstat size");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.Symlink(new string('t', 4096), c.NewPath("l")), "4096-byte target");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Symlink("", c.NewPath("l")), "empty target");
    }

    /// <summary>access: any mode for an existing file as root, false for a missing path and for an unknown mode bit.</summary>
    [ConformanceCase]
    public static void AccessAsRoot(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.True(c.Volume.Access(file, GlusterAccessMode.Exists), "F_OK");
        Check.True(c.Volume.Access(file, GlusterAccessMode.Read | GlusterAccessMode.Write | GlusterAccessMode.Execute), "R|W|X");
        Check.True(!c.Volume.Access(c.Path("nope"), GlusterAccessMode.Exists), "missing");
        Check.True(!c.Volume.Access(file, (GlusterAccessMode)0x10), "mode 0x10 is EINVAL, so false");
    }

    /// <summary>realpath removes ., .. and repeated or trailing slashes and resolves links in the middle, but not a final link.</summary>
    [ConformanceCase]
    public static void RealPathNormalises(GlusterCaseContext c)
    {
        c.Volume.CreateDirectory(c.Path("a"));
        c.WriteFile(c.Path("a/f"), [1]);
        c.Volume.Symlink("a", c.Path("la"));
        string expected = c.Path("a/f");
        Check.Equal(expected, c.Volume.RealPath(c.Path("a/../a/f")), "a/../a/f");
        Check.Equal(expected, c.Volume.RealPath(c.Path("./a//./f")), "./a//./f");
        Check.Equal(expected, c.Volume.RealPath(c.Path("a/f/")), "a/f/");
        Check.Equal(expected, c.Volume.RealPath(c.Path("la/f")), "la/f");
        Check.Equal(c.Path("la"), c.Volume.RealPath(c.Path("la")), "a final link stays (glfs_realpath does not follow it)");
        Check.Equal("/", c.Volume.RealPath("//"), "//");
    }

    /// <summary>realpath of the root: "/" and "//" give "/", but GlusterFS leaves a "." or ".." right after the root as it is.</summary>
    [ConformanceCase]
    public static void RealPathAtTheRoot(GlusterCaseContext c)
    {
        Check.Equal("/", c.Volume.RealPath("/"), "/");
        Check.Equal("/..", c.Volume.RealPath("/.."), "/..");
        Check.Equal("/.", c.Volume.RealPath("/."), "/.");
        Check.Equal("/..", c.Volume.RealPath("/./.."), "/./..");
        Check.Equal("/.", c.Volume.RealPath("."), ". with the cwd at /");
    }

    /// <summary>realpath of a missing path or below one is ENOENT, of file/.. ENOTDIR; relative paths start at the cwd.</summary>
    [ConformanceCase]
    public static void RealPathErrorsAndRelative(GlusterCaseContext c)
    {
        c.Volume.CreateDirectory(c.Path("a"));
        c.WriteFile(c.Path("a/f"), [1]);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RealPath(c.Path("nope")), "missing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RealPath(c.Path("nope/x")), "below missing");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.RealPath(c.Path("a/f/..")), "file/..");
        IGlusterVolume volume = c.NewVolume();
        volume.ChangeDirectory(c.Path("a"));
        Check.Equal(c.Path("a/f"), volume.RealPath("f"), "relative name");
        Check.Equal(c.Path("a/f"), volume.RealPath("../a/./f"), "relative with ..");
    }

    /// <summary>chmod sets all twelve bits (setuid, setgid, sticky included) on files and directories and keeps the type.</summary>
    [ConformanceCase]
    public static void ChmodSetsSpecialBits(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.Chmod(file, (UnixFileMode)0x9ED);
        Check.Equal(0x89EDu, c.Volume.Stat(file).Mode, "04755 on a file");
        c.Volume.Chmod(file, (UnixFileMode)0xFFF);
        Check.Equal(0x8FFFu, c.Volume.Stat(file).Mode, "07777 on a file");
        c.Volume.Chmod(dir, (UnixFileMode)0x3FF);
        Check.Equal(0x43FFu, c.Volume.Stat(dir).Mode, "01777 on a directory");
        c.Volume.Chmod(dir, (UnixFileMode)0x5ED);
        Check.Equal(0x45EDu, c.Volume.Stat(dir).Mode, "02755 on a directory");
        c.Volume.Chmod(file, 0);
        Check.Equal(0x8000u, c.Volume.Stat(file).Mode, "0000 on a file");
    }

    /// <summary>chmod ignores file type bits in the mode it is given.</summary>
    [ConformanceCase]
    public static void ChmodIgnoresTypeBits(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chmod(file, (UnixFileMode)0xF1FF);
        Check.Equal(0x81FFu, c.Volume.Stat(file).Mode, "mode after chmod 0170777");
    }

    /// <summary>chown of a regular file (even by root, even to the same owner) clears set-user-id, and set-group-id with group execute; -1,-1 and directories keep them.</summary>
    [ConformanceCase]
    public static void ChownClearsSetIdBitsOfFiles(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chown(file, 1000, 1000);
        c.Volume.Chmod(file, (UnixFileMode)0xDED);
        c.Volume.Chown(file, -1, -1);
        Check.Equal(0x8DEDu, c.Volume.Stat(file).Mode, "06755 after chown -1,-1");
        c.Volume.Chown(file, 1000, 1000);
        Check.Equal(0x81EDu, c.Volume.Stat(file).Mode, "06755 after chown to the same owner");
        c.Volume.Chmod(file, (UnixFileMode)0x5ED);
        c.Volume.Chown(file, -1, 7);
        Check.Equal(0x81EDu, c.Volume.Stat(file).Mode, "02755 after chown of the group");
        c.Volume.Chmod(file, (UnixFileMode)0x5E5);
        c.Volume.Chown(file, -1, 8);
        Check.Equal(0x85E5u, c.Volume.Stat(file).Mode, "02745 (no group execute) keeps set-group-id");
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.Chmod(dir, (UnixFileMode)0xDED);
        c.Volume.Chown(dir, 3, 3);
        Check.Equal(0x4DEDu, c.Volume.Stat(dir).Mode, "a directory keeps both");
    }

    /// <summary>chmod follows a link (the target changes, the link stays 0777); chmod of a missing path is ENOENT.</summary>
    [ConformanceCase]
    public static void ChmodFollowsLinksAndMissingFails(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);
        c.Volume.Chmod(link, (UnixFileMode)0x180);
        Check.Equal(0x180u, c.Volume.Stat(file).Mode & 0xFFF, "target mode");
        Check.Equal(0x1FFu, c.Volume.LStat(link).Mode & 0xFFF, "link mode");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Chmod(c.Path("nope"), (UnixFileMode)0x1A4), "chmod missing");
    }

    /// <summary>chown sets owner and group; -1 keeps either; any id (even 2^32-2) is accepted by root; missing is ENOENT.</summary>
    [ConformanceCase]
    public static void ChownSetsAndKeeps(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Chown(file, 1000, 2000);
        Check.Equal((1000, 2000), Owner(c, file), "after chown 1000,2000");
        c.Volume.Chown(file, -1, 3000);
        Check.Equal((1000, 3000), Owner(c, file), "after chown -1,3000");
        c.Volume.Chown(file, 4000, -1);
        Check.Equal((4000, 3000), Owner(c, file), "after chown 4000,-1");
        c.Volume.Chown(file, -1, -1);
        Check.Equal((4000, 3000), Owner(c, file), "after chown -1,-1");
        c.Volume.Chown(file, 0, 0);
        Check.Equal((0, 0), Owner(c, file), "back to root");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Chown(c.Path("nope"), 1, 1), "chown missing");
    }

    /// <summary>explicit access and modification times round-trip to 100 ns, including before 1970 and after 2038, and leave size and mode alone.</summary>
    [ConformanceCase]
    public static void SetTimesRoundTrips(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1, 2, 3]);
        DateTimeOffset atime = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000).AddTicks(1_234_567);
        DateTimeOffset mtime = DateTimeOffset.FromUnixTimeSeconds(1_000_000_001).AddTicks(9_876_543);
        c.Volume.SetTimes(file, atime, mtime);
        GlusterStat s = c.Volume.Stat(file);
        Check.Equal(atime, s.AccessTime, "atime");
        Check.Equal(mtime, s.ModificationTime, "mtime");
        Check.Equal(3L, s.Size, "size unchanged");

        DateTimeOffset early = DateTimeOffset.FromUnixTimeSeconds(-86_400).AddTicks(5);
        DateTimeOffset late = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        c.Volume.SetTimes(file, early, late);
        s = c.Volume.Stat(file);
        Check.Equal(early, s.AccessTime, "atime before 1970");
        Check.Equal(late, s.ModificationTime, "mtime in 2100");
    }

    /// <summary>null times mean now (the session's clock), each independently; explicit times are set on the link's target.</summary>
    [ConformanceCase]
    public static void SetTimesNullMeansNow(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        DateTimeOffset old = DateTimeOffset.FromUnixTimeSeconds(86_400);
        c.Volume.SetTimes(file, old, old);
        c.Volume.SetTimes(file, null, null);
        GlusterStat s = c.Volume.Stat(file);
        NearNow(c, s.AccessTime, "atime after touch");
        NearNow(c, s.ModificationTime, "mtime after touch");

        c.Volume.SetTimes(file, old, null);
        s = c.Volume.Stat(file);
        Check.Equal(old, s.AccessTime, "explicit atime");
        NearNow(c, s.ModificationTime, "mtime now");
        c.Volume.SetTimes(file, null, old);
        s = c.Volume.Stat(file);
        NearNow(c, s.AccessTime, "atime now");
        Check.Equal(old, s.ModificationTime, "explicit mtime");

        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);
        DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(7);
        c.Volume.SetTimes(link, when, when);
        Check.Equal(when, c.Volume.Stat(file).ModificationTime, "utimens through a link sets the target");
        Check.True(c.Volume.LStat(link).ModificationTime != when, "the link's own mtime is untouched");
    }

    /// <summary>utimens of a missing path is ENOENT; of a directory it works.</summary>
    [ConformanceCase]
    public static void SetTimesMissingAndDirectory(GlusterCaseContext c)
    {
        DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(8);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.SetTimes(c.Path("nope"), when, when), "utimens missing");
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.SetTimes(dir, when, when);
        Check.Equal(when, c.Volume.Stat(dir).ModificationTime, "directory mtime");
    }

    /// <summary>truncate extends with zeros and shrinks; a same-size truncate is fine; it follows links and moves mtime.</summary>
    [ConformanceCase]
    public static void TruncateExtendsAndShrinks(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1, 2, 3, 4, 5]);
        DateTimeOffset old = DateTimeOffset.FromUnixTimeSeconds(86_400);
        c.Volume.SetTimes(file, old, old);
        c.Volume.Truncate(file, 8);
        Check.Bytes([1, 2, 3, 4, 5, 0, 0, 0], c.Volume.ReadAllBytes(file), "extended");
        Check.True(c.Volume.Stat(file).ModificationTime > old, "mtime moved");
        c.Volume.Truncate(file, 2);
        Check.Bytes([1, 2], c.Volume.ReadAllBytes(file), "shrunk");
        c.Volume.Truncate(file, 2);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);
        c.Volume.Truncate(link, 1);
        Check.Equal(1L, c.Volume.Stat(file).Size, "truncate through a link");
        c.Volume.Truncate(file, 1L << 40);
        Check.Equal(1L << 40, c.Volume.Stat(file).Size, "sparse 1 TiB");
    }

    /// <summary>truncate to a negative length is ArgumentOutOfRangeException; of a directory EISDIR; of a missing path ENOENT.</summary>
    [ConformanceCase]
    public static void TruncateErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Volume.Truncate(file, -1), "negative length");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Truncate(c.Root, 0), "truncate a directory");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Truncate(c.Path("nope"), 0), "truncate missing");
        Check.Equal(1L, c.Volume.Stat(file).Size, "size unchanged");
    }

    /// <summary>rename of a file over a file replaces it (the old inode goes); the source name disappears.</summary>
    [ConformanceCase]
    public static void RenameFileOverFileReplaces(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), [1]);
        string b = c.WriteFile(c.NewPath(), [2, 2]);
        ulong inode = c.Volume.Stat(a).Inode;
        c.Volume.Rename(a, b);
        Check.True(!c.Volume.Exists(a), "the source name is gone");
        Check.Equal(inode, c.Volume.Stat(b).Inode, "the destination is the source's inode");
        Check.Bytes([1], c.Volume.ReadAllBytes(b), "content");
    }

    /// <summary>rename of a file over a directory is EISDIR; of a directory over a file also EISDIR (GlusterFS, not ENOTDIR).</summary>
    [ConformanceCase]
    public static void RenameAcrossTypesIsDirectory(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string empty = c.NewPath("d");
        c.Volume.CreateDirectory(empty);
        string full = c.NewPath("d");
        c.Volume.CreateDirectory(full);
        c.WriteFile(GlusterPath.Join(full, "x"), [1]);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Rename(file, empty), "file over an empty directory");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Rename(file, full), "file over a non-empty directory");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Rename(empty, file), "directory over a file");
        Check.True(c.Volume.IsFile(file) && c.Volume.IsDirectory(empty), "nothing moved");
    }

    /// <summary>rename of a directory over an empty directory replaces it; over a non-empty one is ENOTEMPTY.</summary>
    [ConformanceCase]
    public static void RenameDirectoryOverDirectory(GlusterCaseContext c)
    {
        string source = c.NewPath("d");
        c.Volume.CreateDirectory(source);
        c.WriteFile(GlusterPath.Join(source, "inside"), [1]);
        string full = c.NewPath("d");
        c.Volume.CreateDirectory(full);
        c.WriteFile(GlusterPath.Join(full, "x"), [1]);
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => c.Volume.Rename(source, full), "over a non-empty directory");
        string empty = c.NewPath("d");
        c.Volume.CreateDirectory(empty);
        c.Volume.Rename(source, empty);
        Check.True(!c.Volume.Exists(source), "source gone");
        Check.True(c.Volume.IsFile(GlusterPath.Join(empty, "inside")), "content moved");
    }

    /// <summary>rename of a directory into its own subdirectory (or onto its child) is EINVAL.</summary>
    [ConformanceCase]
    public static void RenameIntoOwnSubdirectoryIsInvalid(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectories(GlusterPath.Join(dir, "sub"));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Rename(dir, GlusterPath.Join(dir, "sub/x")), "into own subdirectory");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Rename(dir, GlusterPath.Join(dir, "sub")), "onto own child");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Rename(dir, GlusterPath.Join(dir, "new")), "to a new name inside itself");
    }

    /// <summary>rename of a name to itself, and of a hard link onto its sibling, does nothing: both names stay.</summary>
    [ConformanceCase]
    public static void RenameToSameFileDoesNothing(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.Rename(file, file);
        c.Volume.Rename(dir, dir);
        Check.True(c.Volume.IsFile(file) && c.Volume.IsDirectory(dir), "still there");
        string link = c.NewPath();
        c.Volume.Link(file, link);
        c.Volume.Rename(file, link);
        Check.True(c.Volume.Exists(file) && c.Volume.Exists(link), "both hard links remain");
        Check.Equal(2UL, c.Volume.Stat(link).LinkCount, "nlink");
    }

    /// <summary>
    /// renaming over one name of a hard-linked file drops that inode's link count by one; the other name keeps the
    /// content. (Read through a fresh handle: the renaming client's cache shows the old count for about a second.)
    /// </summary>
    [ConformanceCase]
    public static void RenameOverHardLinkDropsOneLink(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), [1]);
        string a2 = c.NewPath();
        c.Volume.Link(a, a2);
        string b = c.WriteFile(c.NewPath(), [2, 2]);
        c.Volume.Rename(b, a);
        Check.Equal(1UL, c.NewVolume().Stat(a2).LinkCount, "nlink of the replaced inode");
        Check.Bytes([1], c.Volume.ReadAllBytes(a2), "the other name keeps the content");
        Check.Bytes([2, 2], c.Volume.ReadAllBytes(a), "the renamed file");
    }

    /// <summary>rename of a missing source is ENOENT; a link renamed over a file replaces it with the link.</summary>
    [ConformanceCase]
    public static void RenameMissingAndSymlink(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Rename(c.Path("nope"), c.NewPath()), "missing source");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Rename(c.Path("nope"), file), "missing source over a file");
        string link = c.NewPath("l");
        c.Volume.Symlink("anything", link);
        c.Volume.Rename(link, file);
        Check.Equal(GlusterFileType.SymbolicLink, c.Volume.LStat(file).FileType, "the destination is now the link");
        Check.Equal("anything", c.Volume.ReadLink(file), "its target");
        string empty = c.NewPath("d");
        c.Volume.CreateDirectory(empty);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Rename(file, empty), "a link over a directory");
    }

    /// <summary>rename moves between directories and updates both directories' link counts and the moved directory's "..".</summary>
    [ConformanceCase]
    public static void RenameMovesBetweenDirectories(GlusterCaseContext c)
    {
        string a = c.NewPath("d");
        string b = c.NewPath("d");
        c.Volume.CreateDirectories(GlusterPath.Join(a, "sub"));
        c.Volume.CreateDirectory(b);
        c.Volume.Rename(GlusterPath.Join(a, "sub"), GlusterPath.Join(b, "sub"));
        Check.Equal(2UL, c.Volume.Stat(a).LinkCount, "nlink of the old parent");
        Check.Equal(3UL, c.Volume.Stat(b).LinkCount, "nlink of the new parent");
        Check.Equal(c.Volume.Stat(b).Inode, c.Volume.Stat(GlusterPath.Join(b, "sub/..")).Inode, "the moved directory's ..");
    }

    /// <summary>unlink of a directory is EISDIR, of a missing path ENOENT; of a link to a directory it removes the link only.</summary>
    [ConformanceCase]
    public static void UnlinkErrorsAndLinks(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Unlink(dir), "unlink a directory");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Unlink(c.Path("nope")), "unlink missing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Unlink(c.Path("nope/x")), "unlink below missing");
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(dir), link);
        c.Volume.Unlink(link);
        Check.True(!c.Volume.IsSymlink(link), "the link is gone");
        Check.True(c.Volume.IsDirectory(dir), "the directory stays");
    }

    /// <summary>mknod makes FIFOs, regular files, sockets and character devices with the given mode (no umask) and device number.</summary>
    [ConformanceCase]
    public static void MakeNodeCreatesNodes(GlusterCaseContext c)
    {
        string fifo = c.NewPath("p");
        c.Volume.MakeNode(fifo, GlusterFileType.Fifo, (UnixFileMode)0x180);
        GlusterStat s = c.Volume.LStat(fifo);
        Check.Equal(0x1180u, s.Mode, "FIFO mode");
        Check.Equal(0L, s.Size, "FIFO size");
        string regular = c.NewPath();
        c.Volume.MakeNode(regular, GlusterFileType.RegularFile, (UnixFileMode)0x1A0);
        Check.Equal(0x81A0u, c.Volume.LStat(regular).Mode, "regular file mode");
        Check.Equal(0L, c.Volume.LStat(regular).Size, "regular file size");
        string socket = c.NewPath("s");
        c.Volume.MakeNode(socket, GlusterFileType.Socket, (UnixFileMode)0x1A4);
        Check.Equal(GlusterFileType.Socket, c.Volume.LStat(socket).FileType, "socket type");
        string device = c.NewPath("c");
        c.Volume.MakeNode(device, GlusterFileType.CharacterDevice, (UnixFileMode)0x1A4, 259);
        GlusterStat dev = c.Volume.LStat(device);
        Check.Equal(GlusterFileType.CharacterDevice, dev.FileType, "character device type");
        Check.Equal(259UL, dev.SpecialDevice, "st_rdev (1,3)");
        c.Volume.Unlink(fifo);
        Check.True(!c.Volume.Exists(fifo), "unlink removes the FIFO");
    }

    /// <summary>mknod onto an existing name is EEXIST, into a missing directory ENOENT, of a directory EPERM, of a link EINVAL.</summary>
    [ConformanceCase]
    public static void MakeNodeErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.MakeNode(file, GlusterFileType.Fifo, (UnixFileMode)0x1A4), "existing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.MakeNode(c.Path("nodir/p"), GlusterFileType.Fifo, (UnixFileMode)0x1A4), "missing parent");
        string dir = c.NewPath("d");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => c.Volume.MakeNode(dir, GlusterFileType.Directory, (UnixFileMode)0x1ED), "S_IFDIR");
        Check.True(!c.Volume.Exists(dir), "no directory made");
        string link = c.NewPath("l");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.MakeNode(link, GlusterFileType.SymbolicLink, (UnixFileMode)0x1FF), "S_IFLNK");
        Check.True(!c.Volume.IsSymlink(link), "no link made");
    }

    /// <summary>a 255-byte name works; 256 bytes is ENAMETOOLONG for mkdir, creat, symlink and stat.</summary>
    [ConformanceCase]
    public static void NameLengthLimitIs255Bytes(GlusterCaseContext c)
    {
        string ok = c.Path(new string('a', 255));
        c.Volume.CreateDirectory(ok);
        Check.True(c.Volume.IsDirectory(ok), "255-byte name");
        string ok2 = c.Path(new string('b', 255));
        c.WriteFile(ok2, [1]);
        Check.Equal(1L, c.Volume.Stat(ok2).Size, "255-byte file name");
        string tooLong = c.Path(new string('a', 256));
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.CreateDirectory(tooLong), "mkdir 256");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.Open(tooLong, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create).Dispose(), "creat 256");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.Symlink("x", tooLong), "symlink 256");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.Stat(tooLong), "stat 256");
    }

    /// <summary>the name limit counts UTF-8 bytes: 127 × "é" (254 bytes) works, 128 × "é" (256 bytes) is ENAMETOOLONG.</summary>
    [ConformanceCase]
    public static void NameLengthCountsUtf8Bytes(GlusterCaseContext c)
    {
        string ok = c.Path(new string('\u00e9', 127));
        c.Volume.CreateDirectory(ok);
        Check.True(c.Volume.ListDirectory(c.Root).Contains(new string('\u00e9', 127)), "the name lists back unchanged");
        Check.Equal(256, Encoding.UTF8.GetByteCount(new string('\u00e9', 128)), "256 bytes");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Volume.CreateDirectory(c.Path(new string('\u00e9', 128))), "mkdir of 128 × é");
    }

    /// <summary>names may hold newlines, control characters, backslashes and colons.</summary>
    [ConformanceCase]
    public static void OddCharactersInNames(GlusterCaseContext c)
    {
        string[] names = ["new\nline", "ctl\u0001x", "back\\slash", "co:lon", " spaced "];
        foreach (string name in names)
        {
            c.WriteFile(c.Path(name), [1]);
        }

        Check.Sequence(names.Order(StringComparer.Ordinal), c.Volume.ListDirectory(c.Root).Order(StringComparer.Ordinal), "names listed back");
    }

    /// <summary>a trailing slash after a file name is ignored by GlusterFS: stat, lstat, open and unlink of "file/" work.</summary>
    [ConformanceCase]
    public static void TrailingSlashOnFileIsIgnored(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1, 2]);
        Check.Equal(2L, c.Volume.Stat(file + "/").Size, "stat file/");
        Check.Equal(GlusterFileType.RegularFile, c.Volume.LStat(file + "/").FileType, "lstat file/");
        Check.Bytes([1, 2], c.Volume.ReadAllBytes(file + "/"), "read file/");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Stat(file + "/."), "stat file/.");
        c.Volume.Unlink(file + "/");
        Check.True(!c.Volume.Exists(file), "unlink file/ removed it");
    }

    /// <summary>a trailing slash on directories: mkdir "d/" and rmdir "d/" work; stat of "missing/" is ENOENT.</summary>
    [ConformanceCase]
    public static void TrailingSlashOnDirectories(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir + "/");
        Check.True(c.Volume.IsDirectory(dir), "mkdir d/");
        Check.Equal(c.Volume.Stat(dir).Inode, c.Volume.Stat(dir + "/").Inode, "stat d/");
        c.Volume.RemoveDirectory(dir + "/");
        Check.True(!c.Volume.Exists(dir), "rmdir d/");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Stat(c.Path("nope/")), "stat missing/");
    }

    /// <summary>a trailing slash on a new name is ignored: rename to "q/", symlink "s/" and link "q/" make plain entries.</summary>
    [ConformanceCase]
    public static void TrailingSlashOnNewNames(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1, 2]);
        string renamed = c.NewPath();
        c.Volume.Rename(file, renamed + "/");
        Check.Equal(2L, c.Volume.LStat(renamed).Size, "renamed to name/");
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(renamed), link + "/");
        Check.Equal(GlusterFileType.SymbolicLink, c.Volume.LStat(link).FileType, "symlink name/");
        string hard = c.NewPath();
        c.Volume.Link(renamed + "/", hard);
        Check.Equal(2UL, c.Volume.Stat(renamed).LinkCount, "link from name/");
    }

    /// <summary>the volume root cannot be removed (rmdir ESTALE, unlink EISDIR) and /.glusterfs is EPERM for stat and mkdir.</summary>
    [ConformanceCase]
    public static void VolumeRootRefusals(GlusterCaseContext c)
    {
        Check.Throws<StorageException>(Stale, () => c.Volume.RemoveDirectory("/"), "rmdir /");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Unlink("/"), "unlink /");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => c.Volume.Stat("/.glusterfs"), "stat /.glusterfs");
        Check.Throws<StoragePermissionException>(Errno.EPERM, () => c.Volume.CreateDirectory("/.glusterfs"), "mkdir /.glusterfs");
        c.Volume.CreateDirectory(c.Path(".glusterfs"));
        Check.True(c.Volume.IsDirectory(c.Path(".glusterfs")), ".glusterfs below the root is an ordinary name");
    }

    /// <summary>"." and ".." resolve inside paths; ".." of the volume root is the root.</summary>
    [ConformanceCase]
    public static void DotAndDotDotResolve(GlusterCaseContext c)
    {
        c.Volume.CreateDirectory(c.Path("a"));
        c.WriteFile(c.Path("a/f"), [1, 2, 3]);
        Check.Equal(3L, c.Volume.Stat(c.Path("a/./../a/f")).Size, "a/./../a/f");
        Check.Equal(c.Volume.Stat(c.Root).Inode, c.Volume.Stat(c.Path("a/..")).Inode, "a/..");
        Check.Equal(c.Volume.Stat("/").Inode, c.Volume.Stat(c.Root + "/../../..").Inode, "above the root stays at the root");
    }

    /// <summary>the volume root is inode 1, its ".." is itself, and every file shares one device number.</summary>
    [ConformanceCase]
    public static void RootIsInodeOneAndDeviceIsShared(GlusterCaseContext c)
    {
        GlusterStat root = c.Volume.Stat("/");
        Check.Equal(1UL, root.Inode, "inode of /");
        Check.True(root.IsDirectory, "/ is a directory");
        Check.Equal(1UL, c.Volume.Stat("/..").Inode, "inode of /..");
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Equal(root.Device, c.Volume.Stat(file).Device, "device of a file");
        Check.Equal(root.Device, c.Volume.Stat(c.Root).Device, "device of a directory");
    }

    /// <summary>".." after a link to a directory is the link target's parent (links are resolved before "..").</summary>
    [ConformanceCase]
    public static void DotDotAfterSymlinkIsPhysical(GlusterCaseContext c)
    {
        c.Volume.CreateDirectories(c.Path("a/b"));
        c.WriteFile(c.Path("a/x"), [1, 2, 3]);
        c.Volume.Symlink("a/b", c.Path("lb"));
        Check.Equal(3L, c.Volume.Stat(c.Path("lb/../x")).Size, "lb/../x is a/x");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Stat(c.Path("lb/../a")), "lb/../a is a/a, which does not exist");
    }

    /// <summary>an empty path is EINVAL for every call.</summary>
    [ConformanceCase]
    public static void EmptyPathIsInvalid(GlusterCaseContext c)
    {
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Stat(""), "stat");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.LStat(""), "lstat");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.CreateDirectory(""), "mkdir");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.RemoveDirectory(""), "rmdir");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Unlink(""), "unlink");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Chmod("", (UnixFileMode)0x1A4), "chmod");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Symlink("x", ""), "symlink");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Rename("", c.NewPath()), "rename");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.Open("", GlusterOpenFlags.ReadOnly).Dispose(), "open");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Volume.RealPath(""), "realpath");
        Check.True(!c.Volume.Access("", GlusterAccessMode.Exists), "access");
    }

    /// <summary>a NUL inside a path is ArgumentException, before anything reaches the volume.</summary>
    [ConformanceCase]
    public static void NulInPathIsArgumentException(GlusterCaseContext c)
    {
        string bad = c.Path("a\0b");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Stat(bad), "stat");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.CreateDirectory(bad), "mkdir");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Symlink(bad, c.NewPath()), "symlink target");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Rename(c.Root, bad), "rename destination");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Open(bad, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create).Dispose(), "creat");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Exists(bad), "Exists");
        Check.True(c.Volume.ListDirectory(c.Root).Count == 0, "nothing was created");
    }

    /// <summary>a null path is ArgumentNullException for every call.</summary>
    [ConformanceCase]
    public static void NullPathIsArgumentNullException(GlusterCaseContext c)
    {
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Stat(null!), "stat");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.LStat(null!), "lstat");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Access(null!, GlusterAccessMode.Exists), "access");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Link(c.Root, null!), "link");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Symlink(null!, c.NewPath()), "symlink target");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Rename(null!, c.NewPath()), "rename");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Unlink(null!), "unlink");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.OpenDirectory(null!), "opendir");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.ChangeDirectory(null!), "chdir");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.IsDirectory(null!), "IsDirectory");
    }

    /// <summary>the predicates: Exists, IsDirectory, IsFile (following links) and IsSymlink answer without throwing.</summary>
    [ConformanceCase]
    public static void PredicatesAnswerPerType(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string fileLink = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), fileLink);
        string dirLink = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(dir), dirLink);
        string missing = c.Path("nope");

        Check.Sequence([true, false, true, false], Answers(c.Volume, file), "file: exists, isdir, isfile, islink");
        Check.Sequence([true, true, false, false], Answers(c.Volume, dir), "directory");
        Check.Sequence([true, false, true, true], Answers(c.Volume, fileLink), "link to a file");
        Check.Sequence([true, true, false, true], Answers(c.Volume, dirLink), "link to a directory");
        Check.Sequence([false, false, false, false], Answers(c.Volume, missing), "missing");
        Check.Sequence([false, false, false, false], Answers(c.Volume, GlusterPath.Join(file, "x")), "below a file");
    }

    /// <summary>GetSize and the Get*Time helpers return stat's values; they throw ENOENT for a missing path.</summary>
    [ConformanceCase]
    public static void SizeAndTimeHelpers(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), new byte[123]);
        DateTimeOffset atime = DateTimeOffset.FromUnixTimeSeconds(100_000);
        DateTimeOffset mtime = DateTimeOffset.FromUnixTimeSeconds(200_000);
        c.Volume.SetTimes(file, atime, mtime);
        Check.Equal(123L, c.Volume.GetSize(file), "GetSize");
        Check.Equal(atime, c.Volume.GetAccessTime(file), "GetAccessTime");
        Check.Equal(mtime, c.Volume.GetModificationTime(file), "GetModificationTime");
        Check.Equal(c.Volume.Stat(file).ChangeTime, c.Volume.GetChangeTime(file), "GetChangeTime");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.GetSize(c.Path("nope")), "GetSize missing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.GetModificationTime(c.Path("nope")), "GetModificationTime missing");
    }

    /// <summary>the change time moves with chmod, while the modification time stays.</summary>
    [ConformanceCase]
    public static void ChmodMovesChangeTimeOnly(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        DateTimeOffset old = DateTimeOffset.FromUnixTimeSeconds(86_400);
        c.Volume.SetTimes(file, old, old);
        DateTimeOffset ctime = c.Volume.Stat(file).ChangeTime;
        c.Session.Elapse(TimeSpan.FromMilliseconds(20));
        c.Volume.Chmod(file, (UnixFileMode)0x180);
        GlusterStat s = c.Volume.Stat(file);
        Check.True(s.ChangeTime > ctime, $"ctime moved ({ctime:O} -> {s.ChangeTime:O})");
        Check.Equal(old, s.ModificationTime, "mtime unchanged");
        Check.Equal(old, s.AccessTime, "atime unchanged");
    }

    /// <summary>SameFile is true for hard links and a link and its target, false for different files; throws for a missing path.</summary>
    [ConformanceCase]
    public static void SameFileComparesInodes(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), [1]);
        string b = c.WriteFile(c.NewPath(), [1]);
        string hard = c.NewPath();
        c.Volume.Link(a, hard);
        string soft = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(a), soft);
        Check.True(c.Volume.SameFile(a, hard), "hard link");
        Check.True(c.Volume.SameFile(a, soft), "symbolic link (followed)");
        Check.True(!c.Volume.SameFile(a, b), "different files");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.SameFile(a, c.Path("nope")), "missing");
    }

    /// <summary>Remove deletes a file like unlink; on a directory it is EISDIR, on a missing path ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveDeletesFiles(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        c.Volume.Remove(file);
        Check.True(!c.Volume.Exists(file), "removed");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Remove(c.Root), "remove a directory");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Remove(file), "remove again");
    }

    private static (int, int) Owner(GlusterCaseContext c, string path)
    {
        GlusterStat s = c.Volume.Stat(path);
        return (s.UserId, s.GroupId);
    }

    private static bool[] Answers(IGlusterVolume volume, string path)
        => [volume.Exists(path), volume.IsDirectory(path), volume.IsFile(path), volume.IsSymlink(path)];

    private static void NearNow(GlusterCaseContext c, DateTimeOffset time, string what)
    {
        TimeSpan off = (time - c.Session.UtcNow).Duration();
        Check.True(off <= TimeSpan.FromSeconds(5), $"{what}: {time:O} is within 5 s of now ({c.Session.UtcNow:O})");
    }
}
