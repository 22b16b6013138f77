using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StorageKit.Conformance.Framework;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>The steps of the file-system model property.</summary>
internal enum FsOpKind
{
    Create,
    Write,
    Truncate,
    Rename,
    Link,
    Unlink,
    MakeDirectory,
    RemoveDirectory,
    Symlink,
    SetXattr,
}

/// <summary>
/// One step: <see cref="Path"/> and <see cref="Other"/> index <see cref="FileSystemModelProperty.Paths"/>
/// (<see cref="Other"/> is the destination of rename and link), <see cref="Offset"/>/<see cref="Length"/> the
/// written range or the new size, <see cref="Fill"/> the pattern, <see cref="Target"/> a symbolic link's target
/// (an index of <see cref="FileSystemModelProperty.Targets"/>) or the attribute (name, flags and value length).
/// </summary>
internal sealed record FsOp(FsOpKind Kind, int Path, int Other, int Offset, int Length, byte Fill, int Target)
{
    public string PathName => FileSystemModelProperty.Paths[Path];

    public string OtherName => FileSystemModelProperty.Paths[Other];

    public string TargetName => FileSystemModelProperty.Targets[Target % FileSystemModelProperty.Targets.Length];

    public string XattrName => Target % 2 == 0 ? "user.a" : "user.b";

    public GlusterXattrFlags XattrFlags => (GlusterXattrFlags)(Target / 2 % 3);

    public byte[] Pattern(int length)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(Fill + (i * 13) + 1);
        }

        return data;
    }

    public override string ToString() => Kind switch
    {
        FsOpKind.Write => string.Create(CultureInfo.InvariantCulture, $"Write({PathName}, at {Offset}, {Length} bytes of pattern {Fill})"),
        FsOpKind.Truncate => string.Create(CultureInfo.InvariantCulture, $"Truncate({PathName}, {Offset})"),
        FsOpKind.Rename or FsOpKind.Link => $"{Kind}({PathName}, {OtherName})",
        FsOpKind.Symlink => $"Symlink({TargetName} as {PathName})",
        FsOpKind.SetXattr => string.Create(CultureInfo.InvariantCulture, $"SetXattr({PathName}, {XattrName}, {Length % 5} bytes, {XattrFlags})"),
        _ => $"{Kind}({PathName})",
    };
}

/// <summary>
/// The model property of GlusterFS: random sequences of create, write, truncate, rename, link, unlink, mkdir,
/// rmdir, symlink and setxattr over a small name space (four names in the run's directory, two of which may be
/// directories holding two names each) run against the target and against an independent
/// <see cref="FileSystemModel"/>. Every step's result or errno must match the model's, and at the end the
/// whole tree must too: names, types, permissions, sizes, contents, link counts, shared inodes, link targets
/// and user attributes. Each run works in a directory of its own that starts with the directories <c>d</c> and
/// <c>e</c>. FsCheck shrinks a failure to a minimal sequence; <c>STORAGEKIT_SEED</c> replays it.
/// </summary>
[ConformanceArea("gluster.model")]
public static class FileSystemModelProperty
{
    /// <summary>The name space: every step names one or two of these.</summary>
    internal static readonly string[] Paths = ["a", "b", "d", "e", "d/a", "d/b", "e/a", "e/b"];

    /// <summary>Symbolic link targets: single names in the link's directory (so loops and dangling links occur).</summary>
    internal static readonly string[] Targets = ["a", "b", "d", "zz"];

    private const int MaxSteps = 20;

    /// <summary>Random file-system sequences agree with the model, step by step and in the final tree.</summary>
    [ConformanceCase]
    public static void FileSystemSequencesMatchModel(GlusterCaseContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        SequenceProperty.CheckRuns(c, "gluster model property", Step(), MaxSteps, (run, steps) => RunSequence(c, run, steps));
    }

    private static string? RunSequence(GlusterCaseContext c, int run, IReadOnlyList<FsOp> steps)
    {
        string root = c.Path(string.Create(CultureInfo.InvariantCulture, $"m{run}"));
        IGlusterVolume volume = c.Volume;
        var model = new FileSystemModel();
        volume.CreateDirectory(root, (UnixFileMode)0x1ED);
        foreach (string directory in new[] { "d", "e" })
        {
            volume.CreateDirectory(GlusterPath.Join(root, directory), (UnixFileMode)0x1ED);
            model.MakeDirectory(directory);
        }

        string? disagreement = "the run did not finish";
        try
        {
            for (int i = 0; i < steps.Count; i++)
            {
                FsOp step = steps[i];
                FsOutcome expected = Apply(model, step);
                FsOutcome actual = expected == FsOutcome.Skipped ? FsOutcome.Skipped : Run(volume, root, step);
                if (expected != actual)
                {
                    return disagreement = $"step {i} {step}: model says {expected}, target says {actual}";
                }
            }

            disagreement = CompareTrees(Describe(model), Describe(volume, root));
            return disagreement;
        }
        finally
        {
            // A run that disagreed may have left anything behind; the case's directory goes at the end anyway.
            volume.RemoveTree(root, ignoreErrors: disagreement is not null);
        }
    }

    /// <summary>What the model says the step returns; changes the model as the step changes the volume.</summary>
    private static FsOutcome Apply(FileSystemModel model, FsOp step) => step.Kind switch
    {
        FsOpKind.Create => model.Create(step.PathName),
        FsOpKind.Write => model.Write(step.PathName, step.Offset, step.Pattern(step.Length)),
        FsOpKind.Truncate => model.Truncate(step.PathName, step.Offset),
        FsOpKind.Rename => model.CanRename(step.PathName, step.OtherName) ? model.Rename(step.PathName, step.OtherName) : FsOutcome.Skipped,
        FsOpKind.Link => model.Link(step.PathName, step.OtherName),
        FsOpKind.Unlink => model.Unlink(step.PathName),
        FsOpKind.MakeDirectory => model.MakeDirectory(step.PathName),
        FsOpKind.RemoveDirectory => model.RemoveDirectory(step.PathName),
        FsOpKind.Symlink => model.Symlink(step.TargetName, step.PathName),
        FsOpKind.SetXattr => model.SetXattr(step.PathName, step.XattrName, step.Pattern(step.Length % 5), step.XattrFlags),
        _ => throw new InvalidOperationException(step.Kind.ToString()),
    };

    private static FsOutcome Run(IGlusterVolume volume, string root, FsOp step)
    {
        string path = GlusterPath.Join(root, step.PathName);
        string other = GlusterPath.Join(root, step.OtherName);
        try
        {
            switch (step.Kind)
            {
                case FsOpKind.Create:
                    volume.Open(path, GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create | GlusterOpenFlags.Exclusive, (UnixFileMode)0x1A4).Dispose();
                    return FsOutcome.Ok;
                case FsOpKind.Write:
                    using (IGlusterFile file = volume.Open(path, GlusterOpenFlags.WriteOnly))
                    {
                        return FsOutcome.Count(file.WriteAt(step.Pattern(step.Length), step.Offset));
                    }

                case FsOpKind.Truncate:
                    volume.Truncate(path, step.Offset);
                    return FsOutcome.Ok;
                case FsOpKind.Rename:
                    volume.Rename(path, other);
                    return FsOutcome.Ok;
                case FsOpKind.Link:
                    volume.Link(path, other);
                    return FsOutcome.Ok;
                case FsOpKind.Unlink:
                    volume.Unlink(path);
                    return FsOutcome.Ok;
                case FsOpKind.MakeDirectory:
                    volume.CreateDirectory(path, (UnixFileMode)0x1ED);
                    return FsOutcome.Ok;
                case FsOpKind.RemoveDirectory:
                    volume.RemoveDirectory(path);
                    return FsOutcome.Ok;
                case FsOpKind.Symlink:
                    volume.Symlink(step.TargetName, path);
                    return FsOutcome.Ok;
                case FsOpKind.SetXattr:
                    volume.SetXattr(path, step.XattrName, step.Pattern(step.Length % 5), step.XattrFlags);
                    return FsOutcome.Ok;
                default:
                    throw new InvalidOperationException(step.Kind.ToString());
            }
        }
        catch (StorageException e)
        {
            return FsOutcome.Error(e.Errno);
        }
    }

    /// <summary>The model's tree, one line per name in ordinal order, hard links named by their first path.</summary>
    private static List<string> Describe(FileSystemModel model)
    {
        var lines = new List<string>();
        var first = new Dictionary<int, string>();
        Walk(model.Root, "");
        return lines;

        void Walk(FsNode directory, string prefix)
        {
            foreach ((string name, FsNode node) in directory.Children)
            {
                string path = prefix + name;
                string inode = first.TryAdd(node.Id, path) ? path : first[node.Id];
                lines.Add(Line(path, node.Type, node.Permissions, node.LinkCount, inode, node.Data.ToArray(), node.Target, node.Xattrs));
                if (node.IsDirectory)
                {
                    Walk(node, path + "/");
                }
            }
        }
    }

    /// <summary>The same description, read from the volume.</summary>
    private static List<string> Describe(IGlusterVolume volume, string root)
    {
        var lines = new List<string>();
        var first = new Dictionary<ulong, string>();
        Walk("");
        return lines;

        void Walk(string prefix)
        {
            string directory = prefix.Length == 0 ? root : GlusterPath.Join(root, prefix.TrimEnd('/'));
            foreach (string name in volume.ListDirectory(directory).Order(StringComparer.Ordinal))
            {
                string path = prefix + name;
                string full = GlusterPath.Join(root, path);
                GlusterStat stat = volume.LStat(full);
                string inode = first.TryAdd(stat.Inode, path) ? path : first[stat.Inode];
                byte[] data = stat.IsRegularFile ? volume.ReadAllBytes(full) : [];
                string target = stat.IsSymbolicLink ? volume.ReadLink(full) : "";
                var xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
                if (!stat.IsSymbolicLink)
                {
                    foreach (string attribute in volume.ListXattrs(full).Where(n => n.StartsWith("user.", StringComparison.Ordinal)))
                    {
                        xattrs[attribute] = volume.GetXattr(full, attribute);
                    }
                }

                if (stat.IsRegularFile && stat.Size != data.Length)
                {
                    lines.Add($"{path}: stat size {stat.Size} but {data.Length} bytes read");
                }

                lines.Add(Line(path, stat.FileType, stat.Permissions, stat.LinkCount, inode, data, target, xattrs));
                if (stat.IsDirectory)
                {
                    Walk(path + "/");
                }
            }
        }
    }

    private static string Line(string path, GlusterFileType type, UnixFileMode permissions, ulong links, string inode, byte[] data, string target, SortedDictionary<string, byte[]> xattrs)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{path}: {type} mode={Convert.ToString((int)permissions, 8)} links={links} inode={inode}");
        if (type == GlusterFileType.RegularFile)
        {
            line.Append(CultureInfo.InvariantCulture, $" size={data.Length} data={Convert.ToHexString(data)}");
        }

        if (type == GlusterFileType.SymbolicLink)
        {
            line.Append(CultureInfo.InvariantCulture, $" target={target}");
        }

        foreach ((string name, byte[] value) in xattrs)
        {
            line.Append(CultureInfo.InvariantCulture, $" {name}={Convert.ToHexString(value)}");
        }

        return line.ToString();
    }

    private static string? CompareTrees(List<string> expected, List<string> actual)
    {
        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            string want = i < expected.Count ? expected[i] : "nothing";
            string got = i < actual.Count ? actual[i] : "nothing";
            if (want != got)
            {
                return $"at the end: model has [{want}], target has [{got}]";
            }
        }

        return null;
    }

    private static Gen<FsOp> Step()
    {
        Gen<FsOpKind> kind = Gen.Frequency(
            (4, Gen.Constant(FsOpKind.Create)),
            (4, Gen.Constant(FsOpKind.Write)),
            (2, Gen.Constant(FsOpKind.Truncate)),
            (3, Gen.Constant(FsOpKind.Rename)),
            (2, Gen.Constant(FsOpKind.Link)),
            (2, Gen.Constant(FsOpKind.Unlink)),
            (2, Gen.Constant(FsOpKind.MakeDirectory)),
            (2, Gen.Constant(FsOpKind.RemoveDirectory)),
            (2, Gen.Constant(FsOpKind.Symlink)),
            (2, Gen.Constant(FsOpKind.SetXattr)));
        return from k in kind
               from path in Gen.Choose(0, Paths.Length - 1)
               from other in Gen.Choose(0, Paths.Length - 1)
               from offset in Gen.Choose(0, 24)
               from length in Gen.Choose(1, 12)
               from fill in Gen.Choose(0, 255)
               from target in Gen.Choose(0, 11)
               select new FsOp(k, path, other, offset, length, (byte)fill, target);
    }
}
