using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// RBD images measured on a real Ceph 16 cluster (docs/native-probe-results.md, "RBD"): create, list,
/// remove, rename, open, I/O at and past the end, sparse reads, resize, stat and the RADOS layout.
/// </summary>
[ConformanceArea("rbd.images")]
public static class ImageCases
{
    /// <summary>a created image is listed, opens with its size, and is gone from the list after removal.</summary>
    [ConformanceCase]
    public static void CreateListOpenRemove(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        Check.True(s.Rbd.List().Contains(name), "listed after create");
        using (var image = s.Rbd.Open(name))
        {
            Check.Equal(16384L, image.Size, "size");
            Check.Equal(name, image.Name, "name");
        }

        s.Rbd.Remove(name);
        Check.True(!s.Rbd.List().Contains(name), "not listed after remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(name).Dispose(), "open after remove");
    }

    /// <summary>creating a name that exists is EEXIST.</summary>
    [ConformanceCase]
    public static void CreateExistingIsExists(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(4096);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Create(name, 4096, 12), "create again");
    }

    /// <summary>an order outside 12..25 is EDOM.</summary>
    [ConformanceCase]
    public static void CreateWithBadOrderIsDomain(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName();
        Check.Throws<StorageException>(Errno.EDOM, () => s.Rbd.Create(name, 4096, 11), "order 11");
        Check.Throws<StorageException>(Errno.EDOM, () => s.Rbd.Create(name, 4096, 26), "order 26");
        Check.True(!s.Rbd.List().Contains(name), "nothing created");
    }

    /// <summary>open, remove and rename of a missing image are ENOENT.</summary>
    [ConformanceCase]
    public static void MissingImageIsNotFound(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewName("missing");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(name).Dispose(), "open");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Remove(name), "remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Rename(name, s.NewName()), "rename");
    }

    /// <summary>rename moves the image with its data and id; renaming onto an existing image is EEXIST.</summary>
    [ConformanceCase]
    public static void RenameKeepsDataAndRefusesExisting(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string source = s.NewImage(8192);
        string other = s.NewImage(8192);
        string id;
        using (var image = s.Rbd.Open(source))
        {
            image.Write(Bytes.Of("rename me"), 100);
            id = image.Id;
        }

        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => s.Rbd.Rename(source, other), "rename onto existing");
        string destination = s.NewName("renamed");
        s.Rbd.Rename(source, destination);
        Check.True(!s.Rbd.List().Contains(source), "old name gone");
        Check.True(s.Rbd.List().Contains(destination), "new name listed");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Rbd.Open(source).Dispose(), "open old name");
        using var renamed = s.Rbd.Open(destination);
        Check.Equal(id, renamed.Id, "same id");
        var buffer = new byte[9];
        Check.Equal(9, renamed.Read(buffer, 100), "read length");
        Check.Bytes(Bytes.Of("rename me"), buffer, "data kept");
    }

    /// <summary>written data reads back across object boundaries; never-written ranges read as zeros.</summary>
    [ConformanceCase]
    public static void WriteReadAcrossObjectsAndSparseZeros(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        var data = new byte[5000];
        new Random(7).NextBytes(data);
        Check.Equal(5000, image.Write(data, 3000), "write length");
        var buffer = new byte[4 * 4096];
        buffer.AsSpan().Fill(0xAA);
        Check.Equal(4 * 4096, image.Read(buffer, 0), "read length");
        var expected = new byte[4 * 4096];
        data.CopyTo(expected, 3000);
        Check.Bytes(expected, buffer, "whole image");
    }

    /// <summary>zero-length read, write and discard return 0, even past the end.</summary>
    [ConformanceCase]
    public static void ZeroLengthIoIsZero(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(8192));
        Check.Equal(0, image.Read(Span<byte>.Empty, 0), "read at 0");
        Check.Equal(0, image.Write(ReadOnlySpan<byte>.Empty, 100), "write at 100");
        Check.Equal(0L, image.Discard(4096, 0), "discard at 4096");
        Check.Equal(0, image.Read(Span<byte>.Empty, 8192), "read at the end");
        Check.Equal(0, image.Read(Span<byte>.Empty, 100000), "read past the end");
        Check.Equal(0, image.Write(ReadOnlySpan<byte>.Empty, 100000), "write past the end");
    }

    /// <summary>I/O crossing the end is cut at the end; I/O starting at or past the end is EINVAL.</summary>
    [ConformanceCase]
    public static void IoPastTheEnd(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(8192));
        var data = new byte[100];
        data.AsSpan().Fill(7);
        Check.Equal(50, image.Write(data, 8142), "write crossing the end");
        var buffer = new byte[100];
        Check.Equal(50, image.Read(buffer, 8142), "read crossing the end");
        Check.Bytes(data.AsSpan(0, 50), buffer.AsSpan(0, 50), "written part");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Write(data, 8192), "write at the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Read(buffer, 8192), "read at the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Read(buffer, 9000), "read past the end");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Discard(8192, 10), "discard at the end");
        Check.Equal(192L, image.Discard(8000, 4096), "discard crossing the end");
    }

    /// <summary>a whole-object discard reads back as zeros and removes the data object.</summary>
    [ConformanceCase]
    public static void DiscardWholeObjectReadsZeros(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(3 * 4096));
        var data = new byte[3 * 4096];
        data.AsSpan().Fill(9);
        image.Write(data, 0);
        Check.Equal(4096L, image.Discard(4096, 4096), "discarded");
        var buffer = new byte[3 * 4096];
        image.Read(buffer, 0);
        var expected = (byte[])data.Clone();
        expected.AsSpan(4096, 4096).Clear();
        Check.Bytes(expected, buffer, "after discard");
        string prefix = image.Stat().BlockNamePrefix;
        Check.True(!DataObjects(s.Io, prefix).Contains(prefix + ".0000000000000001"), "object 1 removed");
        Check.True(DataObjects(s.Io, prefix).Contains(prefix + ".0000000000000002"), "object 2 kept");
    }

    /// <summary>shrinking drops data past the new end; growing again reads zeros there.</summary>
    [ConformanceCase]
    public static void ResizeShrinkThenGrowReadsZeros(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(4 * 4096));
        var data = new byte[4 * 4096];
        data.AsSpan().Fill(5);
        image.Write(data, 0);
        image.Resize(6000);
        Check.Equal(6000L, image.Size, "size after shrink");
        Check.Equal(2L, image.Stat().ObjectCount, "objects after shrink");
        image.Resize(4 * 4096);
        Check.Equal(4L * 4096, image.Size, "size after grow");
        var buffer = new byte[4 * 4096];
        image.Read(buffer, 0);
        var expected = new byte[4 * 4096];
        expected.AsSpan(0, 6000).Fill(5);
        Check.Bytes(expected, buffer, "after shrink and grow");
        image.Flush();
    }

    /// <summary>stat reports size, object size, spanned objects, order and the rbd_data.&lt;id&gt; prefix.</summary>
    [ConformanceCase]
    public static void StatFields(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(10000, order: 13));
        var stat = image.Stat();
        Check.Equal(10000L, stat.Size, "size");
        Check.Equal(8192L, stat.ObjectSize, "object size");
        Check.Equal(2L, stat.ObjectCount, "objects");
        Check.Equal(13, stat.Order, "order");
        Check.Equal("rbd_data." + image.Id, stat.BlockNamePrefix, "block name prefix");
        using var defaults = s.Rbd.Open(s.NewNameCreated(1L << 30));
        Check.Equal(22, defaults.Stat().Order, "default order");
        Check.Equal(256L, defaults.Stat().ObjectCount, "default objects of 1 GiB");
    }

    /// <summary>
    /// RADOS shows rbd_directory, rbd_id.&lt;name&gt;, rbd_header.&lt;id&gt; (omap size/order/object_prefix)
    /// and only the data objects written to.
    /// </summary>
    [ConformanceCase]
    public static void RadosLayout(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(1L << 20);
        using var image = s.Rbd.Open(name);
        string id = image.Id;
        string prefix = image.Stat().BlockNamePrefix;
        Check.Equal(0, DataObjects(s.Io, prefix).Count, "no data objects before writing");
        image.Write(Bytes.Of("x"), 5 * 4096 + 1);
        image.Flush();
        Check.Sequence([prefix + ".0000000000000005"], DataObjects(s.Io, prefix), "one data object");
        var directory = s.Io.GetOmapValuesByKeys("rbd_directory", ["name_" + name, "id_" + id]);
        Check.Equal(2, directory.Count, "directory entries");
        Check.True(s.Io.Stat("rbd_id." + name).Size > 0, "id object");
        var header = s.Io.GetOmapValuesByKeys("rbd_header." + id, ["size", "order", "object_prefix", "features", "snap_seq"]);
        Check.Equal(5, header.Count, "header keys");
        Check.Equal(12, (int)header["order"].Span[0], "header order");
        Check.Equal(1L << 20, BitConverter.ToInt64(header["size"].Span), "header size");
    }

    /// <summary>removal deletes the header, the id object, the data objects and both directory entries.</summary>
    [ConformanceCase]
    public static void RemoveDeletesItsObjects(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(3 * 4096);
        string id;
        string prefix;
        using (var image = s.Rbd.Open(name))
        {
            id = image.Id;
            prefix = image.Stat().BlockNamePrefix;
            image.Write(new byte[6000], 2000);
        }

        Check.Equal(2, DataObjects(s.Io, prefix).Count, "data objects before remove");
        s.Rbd.Remove(name);
        Check.Equal(0, DataObjects(s.Io, prefix).Count, "data objects after remove");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat("rbd_header." + id), "header");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat("rbd_id." + name), "id object");
        Check.Equal(0, s.Io.GetOmapValuesByKeys("rbd_directory", ["name_" + name, "id_" + id]).Count, "directory entries");
        Check.Bytes(Bytes.Of("overwrite validated"), ReadAll(s.Io, "rbd_info"), "rbd_info");
    }

    /// <summary>null names and negative sizes, offsets and lengths are argument errors on both, before any I/O.</summary>
    [ConformanceCase]
    public static void ArgumentErrors(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Create(null!, 4096), "create null");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => s.Rbd.Create(s.NewName(), -1), "create negative size");
        Check.ThrowsExactly<ArgumentException>(() => s.Rbd.Open("a\0b"), "open NUL");
        Check.ThrowsExactly<ArgumentNullException>(() => s.Rbd.Rename(s.NewName(), null!), "rename to null");
        using var image = s.Rbd.Open(s.NewImage(4096));
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.Read(new byte[1], -1), "read negative offset");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.Discard(0, -1), "discard negative length");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.Resize(-1), "resize negative");
    }

    /// <summary>
    /// partial-object discards (librbd 16 default <c>rbd_skip_partial_discard</c>): a range reaching the
    /// object's end truncates the object there, even extending a shorter one; head and middle ranges keep their data.
    /// </summary>
    [ConformanceCase]
    public static void PartialDiscardTruncatesTailsOnly(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(3 * 4096));
        var data = new byte[3 * 4096];
        data.AsSpan().Fill(9);
        image.Write(data, 0);
        Check.Equal(200L, image.Discard(100, 200), "middle of object 0");
        Check.Equal(1096L, image.Discard(4096 + 3000, 1096), "tail of object 1");
        Check.Equal(20L, image.Discard((2 * 4096) - 10, 20), "tail of object 1 and head of object 2");
        var buffer = new byte[3 * 4096];
        image.Read(buffer, 0);
        var expected = (byte[])data.Clone();
        expected.AsSpan(4096 + 3000, 1096).Clear();
        Check.Bytes(expected, buffer, "after discards");
        string prefix = image.Stat().BlockNamePrefix;
        Check.Sequence([4096L, 4086L, 4096L], DataObjects(s.Io, prefix).Select(objectName => s.Io.Stat(objectName).Size), "object sizes");
    }

    private static byte[] ReadAll(IRadosIoContext io, string objectName)
    {
        var buffer = new byte[io.Stat(objectName).Size];
        return buffer[..io.Read(objectName, buffer, 0)];
    }

    private static string NewNameCreated(this RbdImageScope s, long size)
    {
        string name = s.NewName();
        s.Rbd.Create(name, size);
        return name;
    }

    private static List<string> DataObjects(IRadosIoContext io, string prefix)
        => [.. io.ListObjects().Select(entry => entry.Name).Where(objectName => objectName.StartsWith(prefix + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
