using StorageKit.Conformance.Framework;
using StorageKit.Gluster;
using Bytes = StorageKit.Conformance.Rados.Bytes;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Open files: open flags, fopen modes, reads and writes with and without positions, seeks (data and holes),
/// sync, truncate, allocate/discard/zerofill, per-handle status and metadata, duplicate, close and the
/// whole-file helpers. Every expectation is what libgfapi 10.3 does (docs/native-probe-results.md,
/// "GlusterFS", "Files").
/// </summary>
[ConformanceArea("gluster.files")]
public static class FileCases
{
    private const GlusterOpenFlags Rw = GlusterOpenFlags.ReadWrite;
    private const GlusterOpenFlags Ro = GlusterOpenFlags.ReadOnly;
    private const GlusterOpenFlags Wo = GlusterOpenFlags.WriteOnly;
    private const GlusterOpenFlags Create = GlusterOpenFlags.Create;

    /// <summary>Opening a missing name without Create is ENOENT, for every access mode, and creates nothing.</summary>
    [ConformanceCase]
    public static void OpenMissingWithoutCreateIsNotFound(GlusterCaseContext c)
    {
        string path = c.NewPath();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Open(path, Ro), "open missing read-only");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Open(path, Rw | GlusterOpenFlags.Truncate), "open missing read-write");
        Check.True(!c.Volume.Exists(path), "nothing was created");
    }

    /// <summary>Create under a missing parent is ENOENT; under a regular file it is ENOTDIR.</summary>
    [ConformanceCase]
    public static void CreateUnderBadParentFails(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Open(c.Path("nodir/f"), Rw | Create), "create under a missing directory");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Open(file + "/f", Rw | Create), "create under a file");
    }

    /// <summary>Create|Exclusive on an existing file or directory is EEXIST; the file keeps its content.</summary>
    [ConformanceCase]
    public static void CreateExclusiveOnExistingIsExists(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("keep"));
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Open(file, Rw | Create | GlusterOpenFlags.Exclusive), "exclusive create of a file");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Open(dir, Rw | Create | GlusterOpenFlags.Exclusive), "exclusive create of a directory");
        Check.Bytes(Bytes.Of("keep"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>Create without Exclusive or Truncate opens an existing file as it is.</summary>
    [ConformanceCase]
    public static void CreateOnExistingKeepsContent(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        using (IGlusterFile f = c.Volume.Open(file, Rw | Create, (UnixFileMode)0x180))
        {
            byte[] buffer = new byte[16];
            Check.Equal(5, f.Read(buffer), "bytes read");
        }

        Check.Bytes(Bytes.Of("hello"), c.Volume.ReadAllBytes(file), "content");
        Check.Equal((UnixFileMode)0x1FF, c.Volume.Stat(file).Permissions, "mode of the existing file is not changed");
    }

    /// <summary>The Directory flag on a regular file is ENOTDIR; on a directory opened read-only it succeeds.</summary>
    [ConformanceCase]
    public static void DirectoryFlagOnFileIsNotDirectory(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.Open(file, Ro | GlusterOpenFlags.Directory), "O_DIRECTORY on a file");
        using IGlusterFile d = c.Volume.Open(dir, Ro | GlusterOpenFlags.Directory);
        Check.True(d.Stat().IsDirectory, "the handle is on the directory");
    }

    /// <summary>Opening a directory for writing, or with Create, is EISDIR; read-only is allowed.</summary>
    [ConformanceCase]
    public static void WriteOpenOfDirectoryIsIsDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Open(dir, Wo), "write-only open of a directory");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Open(dir, Rw), "read-write open of a directory");
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.Open(dir, Ro | Create), "create over a directory");
        using IGlusterFile d = c.Volume.Open(dir, Ro);
        Check.Equal(GlusterFileType.Directory, d.Stat().FileType, "read-only handle type");
    }

    /// <summary>Access mode 3 (O_WRONLY|O_RDWR) is not refused: the file opens and reads.</summary>
    [ConformanceCase]
    public static void AccessModeThreeOpensAndReads(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        using IGlusterFile f = c.Volume.Open(file, (GlusterOpenFlags)3);
        byte[] buffer = new byte[8];
        Check.Equal(5, f.Read(buffer), "bytes read");
        Check.Bytes(Bytes.Of("hello"), buffer.AsSpan(0, 5), "content");
    }

    /// <summary>Truncate empties an existing file, even when opened read-only.</summary>
    [ConformanceCase]
    public static void TruncateFlagEmptiesFile(GlusterCaseContext c)
    {
        string a = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        string b = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        c.Volume.Open(a, Wo | GlusterOpenFlags.Truncate).Dispose();
        c.Volume.Open(b, Ro | GlusterOpenFlags.Truncate).Dispose();
        Check.Equal(0L, c.Volume.Stat(a).Size, "size after write-only truncate open");
        Check.Equal(0L, c.Volume.Stat(b).Size, "size after read-only truncate open");
    }

    /// <summary>With Append every write lands at the end, even after seeking to 0.</summary>
    [ConformanceCase]
    public static void AppendWritesLandAtEndAfterSeek(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        using (IGlusterFile f = c.Volume.Open(file, Wo | GlusterOpenFlags.Append))
        {
            Check.Equal(0L, f.Seek(0, GlusterSeekOrigin.Begin), "seek to 0");
            Check.Equal(2, f.Write(Bytes.Of("AB")), "bytes written");
            // The position is the old one plus the bytes written, not the end (measured).
            Check.Equal(2L, f.Seek(0, GlusterSeekOrigin.Current), "position after the append");
        }

        Check.Bytes(Bytes.Of("0123456789AB"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>With Append even WriteAt(offset 0) lands at the end.</summary>
    [ConformanceCase]
    public static void AppendWriteAtOffsetLandsAtEnd(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123"));
        using (IGlusterFile f = c.Volume.Open(file, Rw | GlusterOpenFlags.Append))
        {
            Check.Equal(1, f.WriteAt(Bytes.Of("Z"), 0), "bytes written");
        }

        Check.Bytes(Bytes.Of("0123Z"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>glfs_open follows a final symbolic link even with NoFollow (measured): the target opens.</summary>
    [ConformanceCase]
    public static void NoFollowOpenOfSymlinkOpensTarget(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("target"));
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), link);
        using IGlusterFile f = c.Volume.Open(link, Ro | GlusterOpenFlags.NoFollow);
        Check.Bytes(Bytes.Of("target"), f.ReadToEnd(), "content read through the link");
    }

    /// <summary>
    /// Create through a dangling symbolic link: plain is ENOENT, yet the target is made (empty, with the mode
    /// given; measured); Exclusive is EEXIST, NoFollow is ELOOP.
    /// </summary>
    [ConformanceCase]
    public static void CreateThroughDanglingSymlink(GlusterCaseContext c)
    {
        string link = c.NewPath("l");
        c.Volume.Symlink("missing", link);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.Open(link, Rw | Create, (UnixFileMode)0x1A4), "create through a dangling link");
        GlusterStat made = c.Volume.Stat(c.Path("missing"));
        Check.True(made.IsRegularFile && made.Size == 0, "the target was created as an empty file");
        Check.Equal((UnixFileMode)0x1A4, made.Permissions, "mode of the created target");
        Check.Equal(made.Inode, c.Volume.Stat(link).Inode, "the link now resolves to it");
        c.Volume.Unlink(c.Path("missing"));
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.Open(link, Rw | Create | GlusterOpenFlags.Exclusive), "exclusive create over a link");
        Check.Throws<StorageException>(Errno.ELOOP, () => c.Volume.Open(link, Rw | Create | GlusterOpenFlags.NoFollow), "no-follow create over a link");
    }

    /// <summary>The create mode is applied as given (no umask); set-user-id is dropped, sticky kept.</summary>
    [ConformanceCase]
    public static void CreateModeIsHonoured(GlusterCaseContext c)
    {
        (int Given, int Expected)[] modes = [(0x180, 0x180), (0x1A0, 0x1A0), (0x1FF, 0x1FF), (0x9ED, 0x1ED), (0x3FF, 0x3FF)];
        foreach ((int given, int expected) in modes)
        {
            string file = c.NewPath();
            c.Volume.Open(file, Rw | Create | GlusterOpenFlags.Exclusive, (UnixFileMode)given).Dispose();
            Check.Equal((UnixFileMode)expected, c.Volume.Stat(file).Permissions, $"mode of a file created with {Convert.ToString(given, 8)}");
        }
    }

    /// <summary>fopen "r" reads an existing file and is ENOENT on a missing one; "r+" neither truncates nor creates.</summary>
    [ConformanceCase]
    public static void FopenReadModes(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        using (IGlusterFile r = c.Volume.OpenFile(file, "r"))
        {
            Check.Equal(GlusterOpenFlags.ReadOnly, r.Flags, "flags of r");
            Check.Bytes(Bytes.Of("hello"), r.ReadToEnd(), "content read with r");
        }

        using (IGlusterFile rp = c.Volume.OpenFile(file, "r+b"))
        {
            Check.Equal(2, rp.Write(Bytes.Of("HE")), "write with r+");
        }

        Check.Bytes(Bytes.Of("HEllo"), c.Volume.ReadAllBytes(file), "content after r+");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.OpenFile(c.NewPath(), "r"), "r on a missing file");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.OpenFile(c.NewPath(), "r+"), "r+ on a missing file");
    }

    /// <summary>fopen "w" creates (mode 0666) or truncates; "w+" also reads back what it wrote.</summary>
    [ConformanceCase]
    public static void FopenWriteModes(GlusterCaseContext c)
    {
        string fresh = c.NewPath();
        using (IGlusterFile w = c.Volume.OpenFile(fresh, "w"))
        {
            w.WriteFully(Bytes.Of("new"));
        }

        Check.Equal((UnixFileMode)0x1B6, c.Volume.Stat(fresh).Permissions, "mode of a file made by w");
        string existing = c.WriteFile(c.NewPath(), Bytes.Of("a long old content"));
        using (IGlusterFile wp = c.Volume.OpenFile(existing, "w+"))
        {
            Check.Equal(0L, wp.GetSize(), "size right after w+");
            wp.WriteFully(Bytes.Of("xy"));
            Check.Equal(0L, wp.Seek(0, GlusterSeekOrigin.Begin), "seek back");
            Check.Bytes(Bytes.Of("xy"), wp.ReadToEnd(), "read back with w+");
        }

        Check.Bytes(Bytes.Of("new"), c.Volume.ReadAllBytes(fresh), "content written with w");
    }

    /// <summary>fopen "a" appends; "a+" reads from the start and still appends.</summary>
    [ConformanceCase]
    public static void FopenAppendModes(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("ab"));
        using (IGlusterFile a = c.Volume.OpenFile(file, "a"))
        {
            a.WriteFully(Bytes.Of("cd"));
        }

        using (IGlusterFile ap = c.Volume.OpenFile(file, "a+"))
        {
            Check.Bytes(Bytes.Of("abcd"), ap.ReadToEnd(), "a+ reads from the start");
            Check.Equal(0L, ap.Seek(0, GlusterSeekOrigin.Begin), "seek back");
            ap.WriteFully(Bytes.Of("e"));
        }

        Check.Bytes(Bytes.Of("abcde"), c.Volume.ReadAllBytes(file), "content");
        string made = c.NewPath();
        c.Volume.OpenFile(made, "a").Dispose();
        Check.Equal(0L, c.Volume.GetSize(made), "a creates a missing file");
    }

    /// <summary>fopen "x" creates a new file and is EEXIST on an existing one (which keeps its content).</summary>
    [ConformanceCase]
    public static void FopenExclusiveMode(GlusterCaseContext c)
    {
        string file = c.NewPath();
        using (IGlusterFile x = c.Volume.OpenFile(file, "x"))
        {
            x.WriteFully(Bytes.Of("one"));
        }

        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.OpenFile(file, "x"), "x on an existing file");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.OpenFile(file, "x+"), "x+ on an existing file");
        Check.Bytes(Bytes.Of("one"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>A mode fopen does not know is an ArgumentException and creates nothing.</summary>
    [ConformanceCase]
    public static void FopenBadModeIsArgumentException(GlusterCaseContext c)
    {
        string file = c.NewPath();
        foreach (string mode in new[] { "q", "rw", "", "w++", "ra" })
        {
            Check.ThrowsExactly<ArgumentException>(() => c.Volume.OpenFile(file, mode), $"fopen mode \"{mode}\"");
        }

        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.OpenFile(file, null!), "null mode");
        Check.True(!c.Volume.Exists(file), "nothing was created");
    }

    /// <summary>Read and Write use and move the position; Read returns 0 at the end.</summary>
    [ConformanceCase]
    public static void ReadWriteMoveThePosition(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.NewPath(), Rw | Create);
        Check.Equal(5, f.Write(Bytes.Of("hello")), "bytes written");
        Check.Equal(5L, f.Seek(0, GlusterSeekOrigin.Current), "position after the write");
        Check.Equal(0L, f.Seek(0, GlusterSeekOrigin.Begin), "seek to 0");
        byte[] buffer = new byte[3];
        Check.Equal(3, f.Read(buffer), "first read");
        Check.Bytes(Bytes.Of("hel"), buffer, "first bytes");
        Check.Equal(2, f.Read(buffer), "second read");
        Check.Bytes(Bytes.Of("lo"), buffer.AsSpan(0, 2), "last bytes");
        Check.Equal(0, f.Read(buffer), "read at the end");
    }

    /// <summary>
    /// ReadAt and WriteAt work at their offset, and (unlike POSIX pread/pwrite) move the position to just after
    /// the bytes they transferred: glfs_pread/glfs_pwrite set the fd offset (measured, and so in glfs-fops.c).
    /// A read that returns 0 leaves the position alone.
    /// </summary>
    [ConformanceCase]
    public static void ReadAtWriteAtMoveThePosition(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Rw);
        Check.Equal(2L, f.Seek(2, GlusterSeekOrigin.Begin), "seek");
        Check.Equal(2, f.WriteAt(Bytes.Of("AB"), 6), "bytes written at 6");
        Check.Equal(8L, f.Seek(0, GlusterSeekOrigin.Current), "position after the write at 6");
        byte[] buffer = new byte[4];
        Check.Equal(4, f.ReadAt(buffer, 3), "bytes read at 3");
        Check.Bytes(Bytes.Of("345A"), buffer, "bytes at 3");
        Check.Equal(7L, f.Seek(0, GlusterSeekOrigin.Current), "position after the read at 3");
        Check.Equal(0, f.ReadAt(buffer, 100), "read past the end");
        Check.Equal(7L, f.Seek(0, GlusterSeekOrigin.Current), "position after an empty read");
        Check.Equal(3, f.Read(buffer), "read at the position");
        Check.Bytes(Bytes.Of("B89"), buffer.AsSpan(0, 3), "bytes at the position");
    }

    /// <summary>ReadAt at or past the end returns 0; a read straddling the end is short.</summary>
    [ConformanceCase]
    public static void ReadAtPastEndReturnsZero(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Ro);
        byte[] buffer = new byte[4];
        Check.Equal(0, f.ReadAt(buffer, 10), "read at the end");
        Check.Equal(0, f.ReadAt(buffer, 100), "read past the end");
        Check.Equal(2, f.ReadAt(buffer, 8), "read straddling the end");
        Check.Bytes(Bytes.Of("89"), buffer.AsSpan(0, 2), "bytes read");
    }

    /// <summary>
    /// A zero-length read inside the file returns 0 on a handle that has not written yet (after a write through
    /// it, client caching makes it EINVAL: not asserted), at or past the end it is EINVAL (measured); a
    /// zero-length write returns 0 anywhere and changes nothing.
    /// </summary>
    [ConformanceCase]
    public static void ZeroLengthReadsAndWrites(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        Check.Equal(0, f.ReadAt([], 0), "empty read at 0");
        Check.Equal(0, f.ReadAt([], 5), "empty read at 5");
        Check.Equal(0, f.Read([]), "empty read at the position");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.ReadAt([], 10), "empty read at the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.ReadAt([], 100), "empty read past the end");
        Check.Equal(0, f.WriteAt([], 500), "empty write past the end");
        Check.Equal(0, f.Write([]), "empty write at the position");
        Check.Equal(10L, f.GetSize(), "size unchanged");
    }

    /// <summary>A write past the end leaves a gap that reads as zeros.</summary>
    [ConformanceCase]
    public static void SparseGapReadsZeros(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("ab"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        Check.Equal(3, f.WriteAt(Bytes.Of("xyz"), 10000), "bytes written past the end");
        Check.Equal(10003L, f.GetSize(), "size");
        byte[] gap = new byte[9998];
        Array.Fill(gap, (byte)0xEE);
        Check.Equal(gap.Length, f.ReadAt(gap, 2), "gap bytes read");
        Check.True(gap.All(b => b == 0), "the gap reads as zeros");
    }

    /// <summary>Reading through a write-only handle is not refused by GlusterFS: it returns the data (measured).</summary>
    [ConformanceCase]
    public static void ReadOnWriteOnlyFileReturnsData(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Wo);
        byte[] buffer = new byte[4];
        Check.Equal(4, f.Read(buffer), "read on a write-only handle");
        Check.Bytes(Bytes.Of("0123"), buffer, "bytes read");
        Check.Equal(4, f.ReadAt(buffer, 2), "pread on a write-only handle");
        Check.Bytes(Bytes.Of("2345"), buffer, "bytes read at 2");
    }

    /// <summary>
    /// A write through a read-only handle is taken by write-behind (it returns the count) but never reaches the
    /// file: the next sync reports EBADF, once; the sync after that succeeds (measured).
    /// </summary>
    [ConformanceCase]
    public static void WriteOnReadOnlyFileFailsAtSync(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        using (IGlusterFile f = c.Volume.Open(file, Ro))
        {
            Check.Equal(1, f.Write(Bytes.Of("x")), "write on a read-only handle");
            Check.Throws<StorageException>(Errno.EBADF, f.Sync, "sync after the refused write");
            f.Sync();
        }

        Check.Bytes(Bytes.Of("0123456789"), c.Volume.ReadAllBytes(file), "content unchanged");
    }

    /// <summary>Seek from the beginning, the current position and the end; past the end is allowed.</summary>
    [ConformanceCase]
    public static void SeekOrigins(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Ro);
        Check.Equal(4L, f.Seek(4, GlusterSeekOrigin.Begin), "begin + 4");
        Check.Equal(7L, f.Seek(3, GlusterSeekOrigin.Current), "current + 3");
        Check.Equal(5L, f.Seek(-2, GlusterSeekOrigin.Current), "current - 2");
        Check.Equal(10L, f.Seek(0, GlusterSeekOrigin.End), "end");
        Check.Equal(8L, f.Seek(-2, GlusterSeekOrigin.End), "end - 2");
        Check.Equal(20L, f.Seek(10, GlusterSeekOrigin.End), "end + 10");
        byte[] buffer = new byte[2];
        Check.Equal(0, f.Read(buffer), "read past the end");
        f.Seek(8, GlusterSeekOrigin.Begin);
        Check.Equal(2, f.Read(buffer), "read after seeking back");
        Check.Bytes(Bytes.Of("89"), buffer, "bytes");
    }

    /// <summary>
    /// A seek to a negative position is not refused by glfs_lseek: it stores the offset and returns it, which a
    /// caller sees as -1 without errno; the kit reports EIO. A later seek to a valid position recovers.
    /// </summary>
    [ConformanceCase]
    public static void NegativeSeekIsReportedAsIOError(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Ro);
        Check.Throws<StorageException>(Errno.EIO, () => f.Seek(-1, GlusterSeekOrigin.Begin), "seek to -1");
        Check.Throws<StorageException>(Errno.EIO, () => f.Seek(-20, GlusterSeekOrigin.End), "seek to end - 20");
        Check.Equal(3L, f.Seek(3, GlusterSeekOrigin.Begin), "seek back to 3");
        byte[] buffer = new byte[2];
        Check.Equal(2, f.Read(buffer), "read after recovering");
        Check.Bytes(Bytes.Of("34"), buffer, "bytes");
    }

    /// <summary>An unknown seek origin is EINVAL.</summary>
    [ConformanceCase]
    public static void SeekBadOriginIsInvalid(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123")), Ro);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.Seek(0, (GlusterSeekOrigin)99), "whence 99");
    }

    /// <summary>
    /// Data and Hole on a file with 4 KiB of data, a hole to 1 MiB and 4 KiB more data: data is found at and
    /// after an offset inside data, holes at the 4 KiB boundary and at the end.
    /// </summary>
    [ConformanceCase]
    public static void SeekDataAndHoleOnSparseFile(GlusterCaseContext c)
    {
        const long Second = 1 << 20;
        using IGlusterFile f = c.Volume.Open(c.NewPath(), Rw | Create);
        f.WriteAt(Bytes.Pattern(4096), 0);
        f.WriteAt(Bytes.Pattern(4096), Second);
        // Seeking for data asks the brick: flush write-behind first.
        f.Sync();
        long end = Second + 4096;
        Check.Equal(0L, f.Seek(0, GlusterSeekOrigin.Data), "data at 0");
        Check.Equal(100L, f.Seek(100, GlusterSeekOrigin.Data), "data at 100");
        Check.Equal(4096L, f.Seek(100, GlusterSeekOrigin.Hole), "hole after 100");
        Check.Equal(Second, f.Seek(8192, GlusterSeekOrigin.Data), "data after 8192");
        Check.Equal(8192L, f.Seek(8192, GlusterSeekOrigin.Hole), "hole at 8192");
        Check.Equal(end, f.Seek(Second, GlusterSeekOrigin.Hole), "the end counts as a hole");
        Check.Equal(end - 1, f.Seek(end - 1, GlusterSeekOrigin.Data), "data at the last byte");
        Check.Equal(end - 1, f.Seek(0, GlusterSeekOrigin.Current), "the position moved there");
    }

    /// <summary>Data and Hole at or past the end, on an empty file, and at a negative offset are ENXIO.</summary>
    [ConformanceCase]
    public static void SeekDataAndHoleAtEndIsNoSuchDevice(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Ro);
        Check.Throws<StorageException>(Errno.ENXIO, () => f.Seek(10, GlusterSeekOrigin.Data), "data at the end");
        Check.Throws<StorageException>(Errno.ENXIO, () => f.Seek(10, GlusterSeekOrigin.Hole), "hole at the end");
        Check.Throws<StorageException>(Errno.ENXIO, () => f.Seek(50, GlusterSeekOrigin.Data), "data past the end");
        Check.Throws<StorageException>(Errno.ENXIO, () => f.Seek(-1, GlusterSeekOrigin.Data), "data at -1");
        using IGlusterFile empty = c.Volume.Open(c.NewPath(), Rw | Create);
        Check.Throws<StorageException>(Errno.ENXIO, () => empty.Seek(0, GlusterSeekOrigin.Data), "data in an empty file");
        Check.Throws<StorageException>(Errno.ENXIO, () => empty.Seek(0, GlusterSeekOrigin.Hole), "hole in an empty file");
    }

    /// <summary>Sync and DataSync succeed on read-write and (untouched) read-only handles, and the data is there.</summary>
    [ConformanceCase]
    public static void SyncAndDataSyncSucceed(GlusterCaseContext c)
    {
        string file = c.NewPath();
        using (IGlusterFile f = c.Volume.Open(file, Rw | Create))
        {
            f.Write(Bytes.Of("data"));
            f.Sync();
            f.Write(Bytes.Of("more"));
            f.DataSync();
            Check.Bytes(Bytes.Of("datamore"), c.Volume.ReadAllBytes(file), "content after sync");
        }

        using IGlusterFile r = c.Volume.Open(file, Ro);
        r.Sync();
        r.DataSync();
    }

    /// <summary>Sync and DataSync of a directory opened read-only succeed.</summary>
    [ConformanceCase]
    public static void SyncOfDirectoryHandleSucceeds(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        using IGlusterFile d = c.Volume.Open(dir, Ro);
        d.Sync();
        d.DataSync();
        Check.True(d.Stat().IsDirectory, "still a directory handle");
    }

    /// <summary>Truncate extends with zeros and shrinks; the position is not moved.</summary>
    [ConformanceCase]
    public static void TruncateExtendsWithZerosAndShrinks(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("abc"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Seek(2, GlusterSeekOrigin.Begin);
        f.Truncate(8);
        Check.Equal(8L, f.GetSize(), "size after extending");
        Check.Bytes([(byte)'a', (byte)'b', (byte)'c', 0, 0, 0, 0, 0], c.Volume.ReadAllBytes(file), "content after extending");
        f.Truncate(1);
        Check.Bytes(Bytes.Of("a"), c.Volume.ReadAllBytes(file), "content after shrinking");
        Check.Equal(2L, f.Seek(0, GlusterSeekOrigin.Current), "position unchanged");
        f.Truncate(0);
        Check.Equal(0L, c.Volume.Stat(file).Size, "size after truncating to 0");
    }

    /// <summary>Truncate to 1 TiB is allowed and sparse: the size is 1 TiB, the end reads zeros, little is allocated.</summary>
    [ConformanceCase]
    public static void TruncateToOneTebibyteIsSparse(GlusterCaseContext c)
    {
        const long Tebibyte = 1L << 40;
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("abc")), Rw);
        f.Truncate(Tebibyte);
        GlusterStat stat = f.Stat();
        Check.Equal(Tebibyte, stat.Size, "size");
        Check.True(stat.Blocks < 1 << 20, $"a sparse file allocates little ({stat.Blocks} blocks)");
        byte[] buffer = new byte[8];
        Array.Fill(buffer, (byte)0xEE);
        Check.Equal(8, f.ReadAt(buffer, Tebibyte - 8), "bytes read at the end");
        Check.True(buffer.All(b => b == 0), "the end reads as zeros");
    }

    /// <summary>
    /// A write past the brick's largest file size is acknowledged by write-behind (it returns the count); every
    /// stat of the handle then reports EFBIG until a sync reports it and clears it (measured); the file is unchanged.
    /// </summary>
    [ConformanceCase]
    public static void WriteBeyondLargestFileSizeFailsLater(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("abc"));
        using (IGlusterFile f = c.Volume.Open(file, Rw))
        {
            Check.Equal(1, f.WriteAt(Bytes.Of("x"), long.MaxValue - 1), "write at 2^63-2");
            Check.Throws<StorageException>(Errno.EFBIG, () => f.Stat(), "fstat after the refused write");
            Check.Throws<StorageException>(Errno.EFBIG, () => f.Stat(), "second fstat");
            Check.Throws<StorageException>(Errno.EFBIG, f.Sync, "sync");
            Check.Equal(3L, f.Stat().Size, "fstat after the sync");
        }

        Check.Bytes(Bytes.Of("abc"), c.Volume.ReadAllBytes(file), "content unchanged");
    }

    /// <summary>Truncate through a read-only handle is EINVAL (ftruncate's answer for a descriptor not open for writing).</summary>
    [ConformanceCase]
    public static void TruncateOnReadOnlyFileIsInvalid(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("abc"));
        using (IGlusterFile f = c.Volume.Open(file, Ro))
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.Truncate(1), "ftruncate on a read-only handle");
        }

        Check.Equal(3L, c.Volume.Stat(file).Size, "size unchanged");
    }

    /// <summary>Allocate without flags past the end extends the file with zeros.</summary>
    [ConformanceCase]
    public static void AllocateExtendsSize(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("abc"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Allocate(0, 4096);
        Check.Equal(4096L, f.GetSize(), "size after allocating 4 KiB");
        byte[] content = c.Volume.ReadAllBytes(file);
        Check.Bytes(Bytes.Of("abc"), content.AsSpan(0, 3), "data kept");
        Check.True(content.AsSpan(3).IndexOfAnyExcept((byte)0) < 0, "the new range reads as zeros");
        f.Allocate(0, 100);
        Check.Equal(4096L, f.GetSize(), "allocating inside changes nothing");
    }

    /// <summary>Allocate with KeepSize past the end leaves the size alone.</summary>
    [ConformanceCase]
    public static void AllocateKeepSizeKeepsSize(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("abc"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Allocate(0, 1 << 16, GlusterAllocateMode.KeepSize);
        Check.Equal(3L, f.GetSize(), "size");
        Check.Bytes(Bytes.Of("abc"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>
    /// glfs_fallocate only knows "keep size or not": PunchHole|KeepSize and ZeroRange keep the data and the size
    /// (measured; use Discard or ZeroFill to clear a range).
    /// </summary>
    [ConformanceCase]
    public static void AllocatePunchHoleAndZeroRangeKeepData(GlusterCaseContext c)
    {
        byte[] data = Bytes.Pattern(8192);
        string file = c.WriteFile(c.NewPath(), data);
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Allocate(0, 4096, GlusterAllocateMode.PunchHole | GlusterAllocateMode.KeepSize);
        f.Allocate(4096, 8192, GlusterAllocateMode.ZeroRange);
        Check.Equal(8192L, f.GetSize(), "size");
        Check.Bytes(data, c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>Discard makes a range read as zeros and keeps the size, also for a range past the end.</summary>
    [ConformanceCase]
    public static void DiscardZeroesKeepsSize(GlusterCaseContext c)
    {
        byte[] data = Bytes.Pattern(8192);
        string file = c.WriteFile(c.NewPath(), data);
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Discard(0, 4096);
        f.Discard(5000, 50);
        f.Discard(100000, 4096);
        Check.Equal(8192L, f.GetSize(), "size");
        Array.Clear(data, 0, 4096);
        Array.Clear(data, 5000, 50);
        Check.Bytes(data, c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>ZeroFill writes zeros over a range; past the end it extends the file to the range's end.</summary>
    [ConformanceCase]
    public static void ZeroFillZeroesAndExtends(GlusterCaseContext c)
    {
        byte[] data = Bytes.Pattern(100);
        string file = c.WriteFile(c.NewPath(), data);
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.ZeroFill(10, 20);
        Array.Clear(data, 10, 20);
        Check.Bytes(data, c.Volume.ReadAllBytes(file), "content after zero-filling inside");
        f.ZeroFill(90, 50);
        Check.Equal(140L, f.GetSize(), "size after zero-filling across the end");
        f.ZeroFill(1000, 24);
        Check.Equal(1024L, f.GetSize(), "size after zero-filling past the end");
        byte[] content = c.Volume.ReadAllBytes(file);
        Check.Bytes(data.AsSpan(0, 90), content.AsSpan(0, 90), "data before the second range");
        Check.True(content.AsSpan(90).IndexOfAnyExcept((byte)0) < 0, "zeros after 90");
    }

    /// <summary>Allocate, Discard and ZeroFill through a read-only handle are EBADF.</summary>
    [ConformanceCase]
    public static void SpaceCallsOnReadOnlyFileAreBadF(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        using (IGlusterFile f = c.Volume.Open(file, Ro))
        {
            Check.Throws<StorageException>(Errno.EBADF, () => f.Allocate(0, 10), "fallocate");
            Check.Throws<StorageException>(Errno.EBADF, () => f.Discard(0, 10), "discard");
            Check.Throws<StorageException>(Errno.EBADF, () => f.ZeroFill(0, 10), "zerofill");
        }

        Check.Bytes(Bytes.Of("0123456789"), c.Volume.ReadAllBytes(file), "content unchanged");
    }

    /// <summary>Allocate, Discard and ZeroFill of zero bytes are EINVAL.</summary>
    [ConformanceCase]
    public static void SpaceCallsOfZeroLengthAreInvalid(GlusterCaseContext c)
    {
        using IGlusterFile f = c.Volume.Open(c.WriteFile(c.NewPath(), Bytes.Of("0123456789")), Rw);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.Allocate(0, 0), "fallocate of 0 bytes");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.Discard(0, 0), "discard of 0 bytes");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => f.ZeroFill(0, 0), "zerofill of 0 bytes");
    }

    /// <summary>Stat of a handle: type, permissions, size, one link, and a sparse file allocates less than its size.</summary>
    [ConformanceCase]
    public static void StatOfOpenFile(GlusterCaseContext c)
    {
        string file = c.NewPath();
        using IGlusterFile f = c.Volume.Open(file, Rw | Create, (UnixFileMode)0x1A4);
        f.WriteAt(Bytes.Of("x"), 1 << 20);
        GlusterStat stat = f.Stat();
        Check.True(stat.IsRegularFile, "regular file");
        Check.Equal((UnixFileMode)0x1A4, stat.Permissions, "permissions");
        Check.Equal((1L << 20) + 1, stat.Size, "size");
        Check.Equal(1UL, stat.LinkCount, "link count");
        Check.True(stat.Blocks * 512 < stat.Size, $"a sparse file allocates less than its size ({stat.Blocks} blocks)");
        Check.Equal(c.Volume.Stat(file).Inode, stat.Inode, "same inode as the path");
    }

    /// <summary>Chmod, Chown and SetTimes through a handle change the file.</summary>
    [ConformanceCase]
    public static void ChmodChownSetTimesViaHandle(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        var atime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var mtime = new DateTimeOffset(2021, 6, 7, 8, 9, 10, TimeSpan.Zero);
        using (IGlusterFile f = c.Volume.Open(file, Rw))
        {
            f.Chmod((UnixFileMode)0x1C0);
            f.Chown(1234, 5678);
            f.Chown(-1, 91);
            f.SetTimes(atime, mtime);
        }

        GlusterStat stat = c.Volume.Stat(file);
        Check.Equal((UnixFileMode)0x1C0, stat.Permissions, "permissions");
        Check.Equal(1234, stat.UserId, "owner (kept by chown -1)");
        Check.Equal(91, stat.GroupId, "group");
        Check.Equal(atime, stat.AccessTime, "access time");
        Check.Equal(mtime, stat.ModificationTime, "modification time");
    }

    /// <summary>
    /// A duplicate is the same open file with a position of its own that starts at 0 (measured: glfs_dup does
    /// not copy the offset), and outlives the original.
    /// </summary>
    [ConformanceCase]
    public static void DuplicateHasOwnPositionAndOutlivesOriginal(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("hello"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Seek(3, GlusterSeekOrigin.Begin);
        using IGlusterFile dup = f.Duplicate();
        Check.Equal(0L, dup.Seek(0, GlusterSeekOrigin.Current), "position of the duplicate");
        Check.Equal(2, dup.Write(Bytes.Of("XY")), "write through the duplicate");
        Check.Equal(3L, f.Seek(0, GlusterSeekOrigin.Current), "position of the original");
        f.Close();
        Check.Equal(1, dup.Write(Bytes.Of("Z")), "write after closing the original");
        dup.Close();
        Check.Bytes(Bytes.Of("XYZlo"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>Closing twice (and disposing after closing) does nothing; IsClosed reports it.</summary>
    [ConformanceCase]
    public static void CloseTwiceIsHarmless(GlusterCaseContext c)
    {
        IGlusterFile f = c.Volume.Open(c.NewPath(), Rw | Create);
        Check.True(!f.IsClosed, "open");
        f.Close();
        f.Close();
        f.Dispose();
        Check.True(f.IsClosed, "closed");
    }

    /// <summary>Every call on a closed handle is ObjectDisposedException; Name and Flags still answer.</summary>
    [ConformanceCase]
    public static void UseAfterCloseIsObjectDisposed(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("x"));
        IGlusterFile f = c.Volume.Open(file, Rw);
        f.Close();
        byte[] buffer = new byte[1];
        var calls = new (string Name, Action Call)[]
        {
            ("Read", () => f.Read(buffer)),
            ("Write", () => f.Write(buffer)),
            ("ReadAt", () => f.ReadAt(buffer, 0)),
            ("WriteAt", () => f.WriteAt(buffer, 0)),
            ("Seek", () => f.Seek(0, GlusterSeekOrigin.Begin)),
            ("Sync", f.Sync),
            ("DataSync", f.DataSync),
            ("Truncate", () => f.Truncate(0)),
            ("Allocate", () => f.Allocate(0, 1)),
            ("Discard", () => f.Discard(0, 1)),
            ("ZeroFill", () => f.ZeroFill(0, 1)),
            ("Stat", () => f.Stat()),
            ("Chmod", () => f.Chmod((UnixFileMode)0x1FF)),
            ("Chown", () => f.Chown(0, 0)),
            ("SetTimes", () => f.SetTimes(null, null)),
            ("GetXattr", () => f.GetXattr("user.x", buffer)),
            ("ListXattrs", () => f.ListXattrs()),
            ("SetXattr", () => f.SetXattr("user.x", buffer)),
            ("RemoveXattr", () => f.RemoveXattr("user.x")),
            ("Duplicate", () => f.Duplicate()),
        };
        foreach ((string name, Action call) in calls)
        {
            Check.ThrowsExactly<ObjectDisposedException>(call, $"{name} after Close");
        }

        Check.Equal(file, f.Name, "name after close");
        Check.Equal(Rw, f.Flags, "flags after close");
        Check.Bytes(Bytes.Of("x"), c.Volume.ReadAllBytes(file), "content unchanged");
    }

    /// <summary>
    /// Files of an unmounted volume answer ENOTCONN (StorageNotConnectedException); of a disposed volume
    /// ObjectDisposedException. Closing still works.
    /// </summary>
    [ConformanceCase]
    public static void FileOfUnmountedOrDisposedVolume(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("data"));
        IGlusterVolume second = c.NewVolume();
        IGlusterFile f = second.Open(file, Rw);
        second.Unmount();
        byte[] buffer = new byte[4];
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => f.ReadAt(buffer, 0), "pread after unmount");
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => f.Stat(), "fstat after unmount");
        f.Close();
        Check.True(f.IsClosed, "closed after unmount");
        IGlusterVolume third = c.NewVolume();
        IGlusterFile g = third.Open(file, Ro);
        third.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => g.Read(buffer), "read after the volume was disposed");
        g.Dispose();
        Check.Bytes(Bytes.Of("data"), c.Volume.ReadAllBytes(file), "content unchanged");
    }

    /// <summary>An open file whose last name was removed stays readable and writable; its link count is 0.</summary>
    [ConformanceCase]
    public static void UnlinkedOpenFileStaysUsable(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("keep"));
        using IGlusterFile f = c.Volume.Open(file, Rw);
        c.Volume.Unlink(file);
        Check.True(!c.Volume.Exists(file), "the name is gone");
        byte[] buffer = new byte[16];
        Check.Equal(4, f.ReadAt(buffer, 0), "read after unlink");
        Check.Equal(4, f.WriteAt(Bytes.Of("more"), 4), "write after unlink");
        Check.Equal(8, f.ReadAt(buffer, 0), "read back");
        Check.Bytes(Bytes.Of("keepmore"), buffer.AsSpan(0, 8), "content");
        GlusterStat stat = f.Stat();
        Check.Equal(0UL, stat.LinkCount, "link count");
        Check.Equal(8L, stat.Size, "size");
    }

    /// <summary>WriteAllBytes/ReadAllBytes, GetSize, ReadToEnd from the position and WriteFully round-trip larger data.</summary>
    [ConformanceCase]
    public static void WholeFileHelpersRoundTrip(GlusterCaseContext c)
    {
        byte[] data = Bytes.Pattern(300_000, 7);
        string file = c.NewPath();
        c.Volume.WriteAllBytes(file, data, (UnixFileMode)0x180);
        Check.Equal((UnixFileMode)0x180, c.Volume.Stat(file).Permissions, "mode");
        Check.Equal((long)data.Length, c.Volume.GetSize(file), "size by path");
        Check.Bytes(data, c.Volume.ReadAllBytes(file), "content");
        c.Volume.WriteAllBytes(file, Bytes.Of("short"));
        Check.Bytes(Bytes.Of("short"), c.Volume.ReadAllBytes(file), "rewritten content is truncated");
        using IGlusterFile f = c.Volume.Open(file, Rw);
        f.Seek(2, GlusterSeekOrigin.Begin);
        Check.Bytes(Bytes.Of("ort"), f.ReadToEnd(), "ReadToEnd from the position");
        f.WriteFully(data);
        Check.Equal(5L + data.Length, f.GetSize(), "size by handle");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ReadAllBytes(c.NewPath()), "ReadAllBytes of a missing file");
    }

    /// <summary>
    /// Null paths are ArgumentNullException, NUL in a path ArgumentException, negative offsets and lengths
    /// ArgumentOutOfRangeException, all before anything happens.
    /// </summary>
    [ConformanceCase]
    public static void BadArgumentsFailWithoutSideEffects(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.Open(null!, Ro), "open of null");
        Check.ThrowsExactly<ArgumentException>(() => c.Volume.Open(c.Path("a\0b"), Rw | Create), "open of a path with NUL");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Volume.OpenFile(null!, "w"), "fopen of null");
        using IGlusterFile f = c.Volume.Open(file, Rw);
        byte[] buffer = new byte[4];
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.ReadAt(buffer, -1), "pread at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.WriteAt(buffer, -1), "pwrite at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.Truncate(-1), "ftruncate to -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.Allocate(-1, 10), "fallocate at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.Allocate(0, -10), "fallocate of -10");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.Discard(-1, 10), "discard at -1");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => f.ZeroFill(0, -1), "zerofill of -1");
        Check.ThrowsExactly<ArgumentNullException>(() => f.SetXattr(null!, buffer), "setxattr of null");
        Check.ThrowsExactly<ArgumentNullException>(() => GlusterTree.CopyFileObject(null!, f), "copyfileobj from null");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => GlusterTree.CopyFileObject(f, f, 0), "copyfileobj with buffer 0");
        Check.Bytes(Bytes.Of("0123456789"), c.Volume.ReadAllBytes(file), "content unchanged");
        Check.True(!c.Volume.Exists(c.Path("a")), "nothing created");
    }
}
