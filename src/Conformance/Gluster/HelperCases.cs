using StorageKit.Conformance.Framework;
using StorageKit.Gluster;
using Bytes = StorageKit.Conformance.Rados.Bytes;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// The tree helpers shared by both implementations (<see cref="GlusterTree"/>): walk, rmtree, copyfile,
/// copymode, copystat, copy, copy2, copytree and copyfileobj. Directory order is the volume's (hash order on a
/// real volume), so listings are compared sorted and walk order by its parent/child constraints only.
/// </summary>
[ConformanceArea("gluster.helpers")]
public static class HelperCases
{
    private static readonly DateTimeOffset OldAccess = new(2019, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset OldModification = new(2018, 9, 10, 11, 12, 13, TimeSpan.Zero);

    /// <summary>Top-down walk: every directory once, before its subdirectories, with its files and subdirectories.</summary>
    [ConformanceCase]
    public static void WalkTopDownVisitsParentsFirst(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        List<GlusterWalkEntry> entries = c.Volume.Walk(top).ToList();
        Check.Sequence([top, top + "/a", top + "/a/b", top + "/c"], entries.Select(e => e.DirectoryPath).Order(StringComparer.Ordinal), "directories walked");
        CheckOrder(entries, parentsFirst: true);
        GlusterWalkEntry root = entries.Single(e => e.DirectoryPath == top);
        Check.Sequence(["a", "c"], root.Directories.Order(StringComparer.Ordinal), "subdirectories of the top");
        Check.Sequence(["f1", "f2"], root.Files.Order(StringComparer.Ordinal), "files of the top");
        Check.Sequence(["f3"], entries.Single(e => e.DirectoryPath == top + "/a/b").Files, "files of a/b");
    }

    /// <summary>Bottom-up walk: every directory after all its subdirectories.</summary>
    [ConformanceCase]
    public static void WalkBottomUpVisitsChildrenFirst(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        List<GlusterWalkEntry> entries = c.Volume.Walk(top, topDown: false).ToList();
        Check.Equal(4, entries.Count, "directories walked");
        CheckOrder(entries, parentsFirst: false);
        Check.Equal(top, entries[^1].DirectoryPath, "the top comes last");
    }

    /// <summary>A link to a directory is listed with the files unless following links; following, it is walked.</summary>
    [ConformanceCase]
    public static void WalkSymlinkToDirectory(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        c.Volume.Symlink("a", top + "/la");
        GlusterWalkEntry root = c.Volume.Walk(top).First();
        Check.Sequence(["f1", "f2", "la"], root.Files.Order(StringComparer.Ordinal), "files when not following");
        Check.Equal(4, c.Volume.Walk(top).Count(), "directories walked when not following");
        List<GlusterWalkEntry> followed = c.Volume.Walk(top, followLinks: true).ToList();
        Check.Sequence(["a", "c", "la"], followed.Single(e => e.DirectoryPath == top).Directories.Order(StringComparer.Ordinal), "subdirectories when following");
        Check.True(followed.Any(e => e.DirectoryPath == top + "/la/b"), "the link's tree is walked when following");
        Check.Equal(6, followed.Count, "directories walked when following");
    }

    /// <summary>A walk of a missing top reports ENOENT to onError and yields nothing; without onError it throws.</summary>
    [ConformanceCase]
    public static void WalkErrorsGoToOnError(GlusterCaseContext c)
    {
        string missing = c.NewPath("d");
        var errors = new List<StorageException>();
        Check.Equal(0, c.Volume.Walk(missing, onError: errors.Add).Count(), "entries of a missing top");
        Check.Equal(1, errors.Count, "errors reported");
        Check.Equal(Errno.ENOENT, errors[0].Errno, "errno reported");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => _ = c.Volume.Walk(missing).Count(), "walk without onError");
    }

    /// <summary>RemoveTree removes a deep tree with files, links and empty directories.</summary>
    [ConformanceCase]
    public static void RemoveTreeRemovesDeepTree(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        string deep = top + "/c/d1/d2/d3/d4";
        c.Volume.CreateDirectories(deep);
        c.WriteFile(deep + "/leaf", Bytes.Of("x"));
        c.Volume.Symlink("/nowhere", top + "/a/dangling");
        c.Volume.RemoveTree(top);
        Check.True(!c.Volume.Exists(top), "the tree is gone");
        Check.Sequence([], c.Volume.ListDirectory(c.Root), "the parent is empty");
    }

    /// <summary>RemoveTree on a symbolic link reports CheckTop to onError and removes nothing; without handlers it throws.</summary>
    [ConformanceCase]
    public static void RemoveTreeOnSymlinkIsRefused(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(top), link);
        var calls = new List<(GlusterTreeOperation, string)>();
        c.Volume.RemoveTree(link, onError: (operation, path, _) => calls.Add((operation, path)));
        Check.Sequence([(GlusterTreeOperation.CheckTop, link)], calls, "errors reported");
        Check.True(c.Volume.IsSymlink(link), "the link is still there");
        Check.True(c.Volume.Exists(top + "/a/b/f3"), "the tree is still there");
        Check.ThrowsExactly<IOException>(() => c.Volume.RemoveTree(link), "RemoveTree on a link without handlers");
        c.Volume.RemoveTree(link, ignoreErrors: true);
        Check.True(c.Volume.IsSymlink(link), "ignoring errors removes nothing either");
    }

    /// <summary>RemoveTree of a missing path: ignored with ignoreErrors, ENOENT for listing and removal to onError, thrown otherwise.</summary>
    [ConformanceCase]
    public static void RemoveTreeOfMissingPath(GlusterCaseContext c)
    {
        string missing = c.NewPath("d");
        c.Volume.RemoveTree(missing, ignoreErrors: true);
        var calls = new List<(GlusterTreeOperation, Errno)>();
        c.Volume.RemoveTree(missing, onError: (operation, _, error) => calls.Add((operation, ((StorageException)error).Errno)));
        Check.Sequence([(GlusterTreeOperation.ListDirectory, Errno.ENOENT), (GlusterTreeOperation.RemoveDirectory, Errno.ENOENT)], calls, "errors reported");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RemoveTree(missing), "RemoveTree without handlers");
    }

    /// <summary>CopyFile onto the same file (same name or a hard link) is a GlusterCopyException and leaves the content.</summary>
    [ConformanceCase]
    public static void CopyFileOntoItselfIsRefused(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), Bytes.Of("data"));
        string link = c.NewPath("h");
        c.Volume.Link(file, link);
        Check.ThrowsExactly<GlusterCopyException>(() => c.Volume.CopyFile(file, file), "copy onto the same name");
        Check.ThrowsExactly<GlusterCopyException>(() => c.Volume.CopyFile(file, link), "copy onto a hard link");
        Check.Bytes(Bytes.Of("data"), c.Volume.ReadAllBytes(file), "content");
    }

    /// <summary>CopyFile replaces a longer destination's content, keeps its mode, and fails ENOENT on a missing source.</summary>
    [ConformanceCase]
    public static void CopyFileReplacesDestination(GlusterCaseContext c)
    {
        byte[] data = Bytes.Pattern(200_000);
        string source = c.WriteFile(c.NewPath(), data);
        string destination = c.NewPath();
        c.Volume.WriteAllBytes(destination, Bytes.Pattern(300_000, 5), (UnixFileMode)0x180);
        c.Volume.CopyFile(source, destination);
        Check.Bytes(data, c.Volume.ReadAllBytes(destination), "copied content");
        Check.Equal((UnixFileMode)0x180, c.Volume.Stat(destination).Permissions, "destination mode kept");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.CopyFile(c.NewPath(), destination), "copy of a missing source");
        Check.Bytes(data, c.Volume.ReadAllBytes(destination), "destination untouched by the failed copy");
    }

    /// <summary>CopyFile onto a directory is EISDIR (copyfile does not go into directories; Copy does).</summary>
    [ConformanceCase]
    public static void CopyFileOntoDirectoryIsIsDirectory(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath(), Bytes.Of("data"));
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Throws<StorageException>(Errno.EISDIR, () => c.Volume.CopyFile(source, dir), "copyfile onto a directory");
        Check.Sequence([], c.Volume.ListDirectory(dir), "nothing copied into the directory");
    }

    /// <summary>CopyMode copies the permission bits only.</summary>
    [ConformanceCase]
    public static void CopyModeCopiesPermissions(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath(), Bytes.Of("s"));
        string destination = c.WriteFile(c.NewPath(), Bytes.Of("d"));
        c.Volume.Chmod(source, (UnixFileMode)0x1A0);
        c.Volume.CopyMode(source, destination);
        Check.Equal((UnixFileMode)0x1A0, c.Volume.Stat(destination).Permissions, "mode");
        Check.Bytes(Bytes.Of("d"), c.Volume.ReadAllBytes(destination), "content untouched");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.CopyMode(source, c.NewPath()), "copymode to a missing file");
    }

    /// <summary>CopyStat copies the permission bits and the access and modification times.</summary>
    [ConformanceCase]
    public static void CopyStatCopiesTimesAndMode(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath(), Bytes.Of("s"));
        string destination = c.WriteFile(c.NewPath(), Bytes.Of("d"));
        c.Volume.Chmod(source, (UnixFileMode)0x124);
        c.Volume.SetTimes(source, OldAccess, OldModification);
        c.Volume.CopyStat(source, destination);
        GlusterStat stat = c.Volume.Stat(destination);
        Check.Equal((UnixFileMode)0x124, stat.Permissions, "mode");
        Check.Equal(OldAccess, stat.AccessTime, "access time");
        Check.Equal(OldModification, stat.ModificationTime, "modification time");
    }

    /// <summary>Copy into a directory makes directory/name with the content and mode; Copy2 also copies the times.</summary>
    [ConformanceCase]
    public static void CopyAndCopy2IntoDirectory(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath("src"), Bytes.Of("payload"));
        c.Volume.Chmod(source, (UnixFileMode)0x1E4);
        c.Volume.SetTimes(source, OldAccess, OldModification);
        string one = c.NewPath("d");
        string two = c.NewPath("d");
        c.Volume.CreateDirectory(one);
        c.Volume.CreateDirectory(two);
        c.Volume.Copy(source, one);
        c.Volume.Copy2(source, two);
        string name = GlusterPath.GetFileName(source);
        GlusterStat copied = c.Volume.Stat(GlusterPath.Join(one, name));
        GlusterStat copied2 = c.Volume.Stat(GlusterPath.Join(two, name));
        Check.Bytes(Bytes.Of("payload"), c.Volume.ReadAllBytes(GlusterPath.Join(one, name)), "content of copy");
        Check.Equal((UnixFileMode)0x1E4, copied.Permissions, "mode of copy");
        Check.True(copied.ModificationTime != OldModification, "copy does not copy times");
        Check.Equal((UnixFileMode)0x1E4, copied2.Permissions, "mode of copy2");
        Check.Equal(OldModification, copied2.ModificationTime, "modification time of copy2");
        Check.Equal(OldAccess, copied2.AccessTime, "access time of copy2");
    }

    /// <summary>Copy to a new file name creates it.</summary>
    [ConformanceCase]
    public static void CopyToNewName(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath(), Bytes.Of("payload"));
        c.Volume.Chmod(source, (UnixFileMode)0x1C0);
        string destination = c.NewPath();
        c.Volume.Copy(source, destination);
        Check.Bytes(Bytes.Of("payload"), c.Volume.ReadAllBytes(destination), "content");
        Check.Equal((UnixFileMode)0x1C0, c.Volume.Stat(destination).Permissions, "mode");
    }

    /// <summary>CopyTree copies files, subdirectories and times; with symlinks links stay links, without them the targets are copied.</summary>
    [ConformanceCase]
    public static void CopyTreeWithAndWithoutSymlinks(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        c.Volume.Symlink("f1", top + "/lf");
        c.Volume.SetTimes(top + "/a/b/f3", OldAccess, OldModification);
        string keep = c.NewPath("copy");
        string deref = c.NewPath("copy");
        c.Volume.CopyTree(top, keep, symlinks: true);
        c.Volume.CopyTree(top, deref);
        foreach (string copy in new[] { keep, deref })
        {
            Check.Sequence(["a", "c", "f1", "f2", "lf"], c.Volume.ListDirectory(copy).Order(StringComparer.Ordinal), $"names in {copy}");
            Check.Bytes(Bytes.Of("three"), c.Volume.ReadAllBytes(copy + "/a/b/f3"), "deep file content");
            Check.Equal(OldModification, c.Volume.Stat(copy + "/a/b/f3").ModificationTime, "deep file time");
            Check.True(c.Volume.IsDirectory(copy + "/c"), "empty directory copied");
        }

        Check.Equal("f1", c.Volume.ReadLink(keep + "/lf"), "link kept as a link");
        Check.True(!c.Volume.IsSymlink(deref + "/lf"), "link copied as a file");
        Check.Bytes(Bytes.Of("one"), c.Volume.ReadAllBytes(deref + "/lf"), "content of the copied link target");
    }

    /// <summary>The ignore callback gets each directory with its names; the names it returns are not copied.</summary>
    [ConformanceCase]
    public static void CopyTreeIgnoreSkipsNames(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        string copy = c.NewPath("copy");
        var asked = new List<string>();
        c.Volume.CopyTree(top, copy, ignore: (directory, names) =>
        {
            asked.Add(directory);
            return names.Where(n => n is "f2" or "b");
        });
        Check.Sequence(["a", "c", "f1"], c.Volume.ListDirectory(copy).Order(StringComparer.Ordinal), "names copied at the top");
        Check.Sequence([], c.Volume.ListDirectory(copy + "/a"), "a/b skipped");
        Check.Sequence([top, top + "/a", top + "/c"], asked.Order(StringComparer.Ordinal), "directories passed to ignore");
    }

    /// <summary>CopyTree onto an existing destination is EEXIST and copies nothing.</summary>
    [ConformanceCase]
    public static void CopyTreeOntoExistingIsExists(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        string existing = c.NewPath("d");
        c.Volume.CreateDirectory(existing);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CopyTree(top, existing), "copytree onto an existing directory");
        Check.Sequence([], c.Volume.ListDirectory(existing), "nothing copied");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.CopyTree(c.NewPath("none"), c.NewPath("d")), "copytree of a missing source");
    }

    /// <summary>A dangling link copied without symlinks is one collected error; the rest of the tree is copied.</summary>
    [ConformanceCase]
    public static void CopyTreeCollectsErrors(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        c.Volume.Symlink("missing", top + "/broken");
        string copy = c.NewPath("copy");
        GlusterCopyException error = Check.ThrowsExactly<GlusterCopyException>(() => c.Volume.CopyTree(top, copy), "copytree with a dangling link");
        Check.Equal(1, error.Errors.Count, "errors collected");
        Check.Equal(top + "/broken", error.Errors[0].Source, "failed source");
        Check.True(error.Errors[0].Error is StorageNotFoundException, "the error is ENOENT");
        Check.Bytes(Bytes.Of("three"), c.Volume.ReadAllBytes(copy + "/a/b/f3"), "the rest was copied");
    }

    /// <summary>With symlinks a dangling link is copied as a link, without error.</summary>
    [ConformanceCase]
    public static void CopyTreeKeepsDanglingLinks(GlusterCaseContext c)
    {
        string top = MakeTree(c);
        c.Volume.Symlink("missing", top + "/broken");
        string copy = c.NewPath("copy");
        c.Volume.CopyTree(top, copy, symlinks: true);
        Check.Equal("missing", c.Volume.ReadLink(copy + "/broken"), "target of the copied link");
        Check.True(!c.Volume.Exists(copy + "/broken"), "the copy dangles too");
    }

    /// <summary>CopyFileObject copies from the source's position to its end into the destination's position, in small chunks too.</summary>
    [ConformanceCase]
    public static void CopyFileObjectFromTheMiddle(GlusterCaseContext c)
    {
        string source = c.WriteFile(c.NewPath(), Bytes.Of("0123456789"));
        string destination = c.WriteFile(c.NewPath(), Bytes.Of("abcdefghijklmnop"));
        using (IGlusterFile input = c.Volume.Open(source, GlusterOpenFlags.ReadOnly))
        using (IGlusterFile output = c.Volume.Open(destination, GlusterOpenFlags.ReadWrite))
        {
            input.Seek(3, GlusterSeekOrigin.Begin);
            output.Seek(2, GlusterSeekOrigin.Begin);
            Check.Equal(7L, GlusterTree.CopyFileObject(input, output, bufferSize: 3), "bytes copied");
            Check.Equal(10L, input.Seek(0, GlusterSeekOrigin.Current), "source position at its end");
            Check.Equal(9L, output.Seek(0, GlusterSeekOrigin.Current), "destination position after the copy");
            Check.Equal(0L, GlusterTree.CopyFileObject(input, output), "nothing more to copy");
        }

        Check.Bytes(Bytes.Of("ab3456789jklmnop"), c.Volume.ReadAllBytes(destination), "destination content");
    }

    /// <summary>Makes top/{f1, f2, a/b/f3, c/} and returns top.</summary>
    private static string MakeTree(GlusterCaseContext c)
    {
        string top = c.NewPath("tree");
        c.Volume.CreateDirectories(top + "/a/b");
        c.Volume.CreateDirectory(top + "/c");
        c.WriteFile(top + "/f1", Bytes.Of("one"));
        c.WriteFile(top + "/f2", Bytes.Of("two"));
        c.WriteFile(top + "/a/b/f3", Bytes.Of("three"));
        return top;
    }

    /// <summary>Each directory comes before (or after) every directory under it.</summary>
    private static void CheckOrder(List<GlusterWalkEntry> entries, bool parentsFirst)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            for (int j = 0; j < entries.Count; j++)
            {
                bool under = entries[j].DirectoryPath.StartsWith(entries[i].DirectoryPath + "/", StringComparison.Ordinal);
                if (under && (parentsFirst ? j < i : j > i))
                {
                    throw new ConformanceFailedException($"{entries[j].DirectoryPath} walked {(parentsFirst ? "before" : "after")} its parent {entries[i].DirectoryPath}");
                }
            }
        }
    }
}
