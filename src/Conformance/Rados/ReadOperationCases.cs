using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Compound read operations (<c>rados_read_op_*</c>): every step's result and code, what steps report before and
/// after a failing one, and the operation's return code. Expected values measured on Ceph 16.
/// </summary>
[ConformanceArea("rados.readops")]
public static class ReadOperationCases
{
    /// <summary>An object with data "0123456789", xattr x=1 and omap k1=v1, k2=v2, k3=v3.</summary>
    private static string Seeded(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        c.Io.SetXattr(oid, "x", Bytes.Of("1"));
        c.Io.SetOmap(oid, new Dictionary<string, byte[]> { ["k1"] = Bytes.Of("v1"), ["k2"] = Bytes.Of("v2"), ["k3"] = Bytes.Of("v3") });
        return oid;
    }

    /// <summary>An empty read operation returns 0, on a missing object too.</summary>
    [ConformanceCase]
    public static void EmptyReadOperationSucceeds(RadosCaseContext c)
    {
        var missing = new RadosReadOperation();
        c.Io.Operate(c.NewObjectName(), missing);
        Check.Equal<int?>(0, missing.ReturnCode, "missing object");
        var existing = new RadosReadOperation();
        c.Io.Operate(Seeded(c), existing);
        Check.Equal<int?>(0, existing.ReturnCode, "existing object");
    }

    /// <summary>Read steps fill their buffers: short at the end, nothing past it; several reads in one operation.</summary>
    [ConformanceCase]
    public static void ReadStepsReturnData(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosReadStep middle = op.Read(2, 3);
        RadosReadStep end = op.Read(8, 4);
        RadosReadStep past = op.Read(100, 4);
        var buffer = new byte[8];
        RadosReadStep slice = op.Read(4, buffer.AsMemory(2, 4));
        c.Io.Operate(oid, op);
        Check.Equal<int?>(0, op.ReturnCode, "operation code");
        Check.Bytes(Bytes.Of("234"), middle.Data.Span, "middle");
        Check.Equal(2, end.BytesRead, "bytes read at the end");
        Check.Bytes(Bytes.Of("89"), end.Data.Span, "end");
        Check.Equal(0, past.BytesRead, "bytes read past the end");
        Check.Bytes([0, 0, (byte)'4', (byte)'5', (byte)'6', (byte)'7', 0, 0], buffer, "caller's buffer");
        Check.Sequence([0, 0, 0, 0], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
    }

    /// <summary>Stat, getxattrs and the omap steps return what the single calls return.</summary>
    [ConformanceCase]
    public static void MetadataStepsReturnResults(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosStatStep stat = op.Stat();
        RadosXattrsStep xattrs = op.GetXattrs();
        RadosOmapValuesStep values = op.GetOmapValues(maxReturn: 2);
        RadosOmapValuesStep prefixed = op.GetOmapValues("k1", "k", 10);
        RadosOmapKeysStep keys = op.GetOmapKeys(maxReturn: 0);
        RadosOmapKeysStep allKeys = op.GetOmapKeys("k1", 10);
        RadosOmapValuesByKeysStep byKeys = op.GetOmapValuesByKeys(["k1", "zz", "k3"]);
        c.Io.Operate(oid, op);
        Check.Equal(c.Io.Stat(oid), stat.Stat, "stat");
        Check.Entries(new Dictionary<string, byte[]> { ["x"] = Bytes.Of("1") }, xattrs.Xattrs, "xattrs");
        Check.Sequence(["k1", "k2"], values.Page.Entries.Select(e => e.Key), "first page");
        Check.Equal(true, values.Page.More, "more after the first page");
        Check.Sequence(["k2", "k3"], prefixed.Page.Entries.Select(e => e.Key), "after k1 with prefix k");
        Check.Equal(false, prefixed.Page.More, "more after k1");
        Check.Sequence([], keys.Page.Keys, "keys with max 0");
        Check.Equal(true, keys.Page.More, "more with max 0");
        Check.Sequence(["k2", "k3"], allKeys.Page.Keys, "keys after k1");
        Check.Entries(new Dictionary<string, byte[]> { ["k1"] = Bytes.Of("v1"), ["k3"] = Bytes.Of("v3") }, byKeys.Entries, "by keys");
        Check.Sequence([0, 0, 0, 0, 0, 0, 0], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
    }

    /// <summary>On a missing object the operation fails with ENOENT before any step runs: reads report 0 bytes and code 0, stat, getxattrs and the omap steps -EIO.</summary>
    [ConformanceCase]
    public static void MissingObjectFailsBeforeAnyStep(RadosCaseContext c)
    {
        var op = new RadosReadOperation();
        RadosReadStep read = op.Read(0, 4);
        RadosStatStep stat = op.Stat();
        RadosXattrsStep xattrs = op.GetXattrs();
        RadosOmapValuesStep values = op.GetOmapValues();
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(c.NewObjectName(), op), "read operation on a missing object");
        Check.Equal("rados_read_op_read", ex.Operation, "step named (the first)");
        Check.Equal<int?>(-2, op.ReturnCode, "operation code");
        Check.Equal(0, read.BytesRead, "bytes read");
        Check.Sequence([0, -5, -5, -5], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
        Check.Equal(0, xattrs.Xattrs.Count, "xattrs");
        Check.Equal(0, values.Page.Entries.Count, "omap entries");
        Check.Equal(0L, stat.Stat.Size, "stat size");
    }

    /// <summary>assert-exists on a missing object names itself; FailOk cannot hide a missing object.</summary>
    [ConformanceCase]
    public static void AssertExistsOnMissingObjectIsNotFound(RadosCaseContext c)
    {
        var op = new RadosReadOperation();
        op.Read(0, 4);
        op.AssertExists();
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(c.NewObjectName(), op), "assert-exists on a missing object");
        Check.Equal("rados_read_op_assert_exists", ex.Operation, "failing step");
        var failOk = new RadosReadOperation();
        failOk.AssertExists().Flags = RadosStepOptions.FailOk;
        failOk.Read(0, 2);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(c.NewObjectName(), failOk), "fail-ok assert-exists on a missing object");
    }

    /// <summary>A read into an empty buffer before the end gets -ERANGE (the OSD returns everything to the end); the operation itself returns 0 but the kit throws unless the step is FailOk.</summary>
    [ConformanceCase]
    public static void ReadIntoEmptyBufferIsRange(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosReadStep empty = op.Read(0, 0);
        var ex = Check.Throws<StorageRangeException>(Errno.ERANGE, () => c.Io.Operate(oid, op), "empty buffer at 0");
        Check.Equal("rados_read_op_read", ex.Operation, "failing step");
        Check.Equal<int?>(0, op.ReturnCode, "operation code");
        Check.Equal<int?>(-34, empty.ReturnCode, "step code");
        Check.Equal(0, empty.BytesRead, "bytes read");

        var tolerated = new RadosReadOperation();
        tolerated.Read(0, 0).Flags = RadosStepOptions.FailOk;
        RadosStatStep stat = tolerated.Stat();
        c.Io.Operate(oid, tolerated);
        Check.Equal(10L, stat.Stat.Size, "stat after a fail-ok empty read");
        Check.Equal<int?>(-34, tolerated.Steps[0].ReturnCode, "fail-ok step code");

        var pastEnd = new RadosReadOperation();
        RadosReadStep nothing = pastEnd.Read(100, 0);
        c.Io.Operate(oid, pastEnd);
        Check.Equal<int?>(0, nothing.ReturnCode, "empty buffer past the end");
    }

    /// <summary>Steps before a failing step keep their results: data read, stat, xattrs, omap entries.</summary>
    [ConformanceCase]
    public static void StepsBeforeAFailureKeepTheirResults(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosReadStep read = op.Read(0, 4);
        RadosStatStep stat = op.Stat();
        RadosXattrsStep xattrs = op.GetXattrs();
        RadosOmapValuesStep values = op.GetOmapValues(maxReturn: 1);
        op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2"));
        var ex = Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), "cmpxattr x == 2");
        Check.Equal("rados_read_op_cmpxattr", ex.Operation, "failing step");
        Check.Bytes(Bytes.Of("0123"), read.Data.Span, "data read");
        Check.Equal(10L, stat.Stat.Size, "stat");
        Check.Entries(new Dictionary<string, byte[]> { ["x"] = Bytes.Of("1") }, xattrs.Xattrs, "xattrs");
        Check.Sequence(["k1"], values.Page.Entries.Select(e => e.Key), "omap entries");
        Check.Sequence([0, 0, 0, 0, -125], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
    }

    /// <summary>Steps after a failing step report nothing: reads 0 bytes (code 0), compares 0, stat, getxattrs and omap steps -EIO.</summary>
    [ConformanceCase]
    public static void StepsAfterAFailureReportNothing(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosOperationStep compare = op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("no"));
        RadosReadStep read = op.Read(0, 4);
        RadosCompareExtentStep compareExtent = op.CompareExtent(Bytes.Of("0"), 0);
        op.Stat();
        op.GetXattrs();
        RadosOmapValuesStep values = op.GetOmapValues();
        op.GetOmapKeys();
        op.GetOmapValuesByKeys(["k1"]);
        var ex = Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), "omap compare fails first");
        Check.Equal("rados_read_op_omap_cmp2", ex.Operation, "failing step");
        Check.Equal<int?>(-125, compare.ReturnCode, "failing step code");
        Check.Equal(0, read.BytesRead, "bytes read after the failure");
        Check.Equal<long?>(null, compareExtent.MismatchOffset, "compare-extent after the failure");
        Check.Equal(0, values.Page.Entries.Count, "omap entries after the failure");
        Check.Sequence([-125, 0, 0, -5, -5, -5, -5, -5], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
    }

    /// <summary>compare-extent in a read operation: mismatch offset in the code and the exception; zeros past the end match.</summary>
    [ConformanceCase]
    public static void CompareExtentInReadOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        RadosCompareExtentStep compare = op.CompareExtent(Bytes.Of("23X"), 2);
        var ex = Check.Throws<StorageComparisonException>((Errno)4097, () => c.Io.Operate(oid, op), "mismatch at the third byte");
        Check.Equal("rados_read_op_cmpext", ex.Operation, "failing step");
        Check.Equal<long?>(2, ex.MismatchOffset, "exception offset");
        Check.Equal<int?>(-4097, compare.ReturnCode, "step code");
        var pastEnd = new RadosReadOperation();
        pastEnd.CompareExtent([(byte)'9', 0, 0], 9);
        c.Io.Operate(oid, pastEnd);
        Check.Equal<int?>(0, pastEnd.ReturnCode, "zeros past the end");
    }

    /// <summary>The return code is the last result a step set: 1 after a holding cmpxattr, kept by stat and the omap steps (which report it as their code), reset by a read or getxattrs.</summary>
    [ConformanceCase]
    public static void ReturnCodeIsTheLastResult(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var only = new RadosReadOperation();
        only.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        c.Io.Operate(oid, only);
        Check.Equal<int?>(1, only.ReturnCode, "cmpxattr only");

        var kept = new RadosReadOperation();
        RadosReadStep read = kept.Read(0, 2);
        kept.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        RadosStatStep stat = kept.Stat();
        RadosOmapKeysStep keys = kept.GetOmapKeys();
        c.Io.Operate(oid, kept);
        Check.Equal<int?>(1, kept.ReturnCode, "read, cmpxattr, stat, omap keys");
        Check.Equal<int?>(1, stat.ReturnCode, "stat code after the cmpxattr");
        Check.Equal(10L, stat.Stat.Size, "stat size");
        Check.Equal<int?>(1, keys.ReturnCode, "omap keys code after the cmpxattr");
        Check.Equal(3, keys.Page.Keys.Count, "omap keys");
        Check.Bytes(Bytes.Of("01"), read.Data.Span, "data");

        var reset = new RadosReadOperation();
        reset.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        reset.GetXattrs();
        c.Io.Operate(oid, reset);
        Check.Equal<int?>(0, reset.ReturnCode, "cmpxattr, getxattrs");
    }

    /// <summary>assert-version in a read operation: ERANGE below, EOVERFLOW above, EINVAL for 0; the stat before it keeps its result.</summary>
    [ConformanceCase]
    public static void AssertVersionInReadOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.Stat(oid);
        ulong version = c.Io.LastVersion;
        var op = new RadosReadOperation();
        RadosStatStep stat = op.Stat();
        op.AssertVersion(version - 1);
        var ex = Check.Throws<StorageRangeException>(Errno.ERANGE, () => c.Io.Operate(oid, op), "older version");
        Check.Equal("rados_read_op_assert_version", ex.Operation, "failing step");
        Check.Equal(10L, stat.Stat.Size, "stat before the failure");
        var above = new RadosReadOperation();
        above.AssertVersion(version + 1);
        Check.Throws<StorageException>(Errno.EOVERFLOW, () => c.Io.Operate(oid, above), "newer version");
        var zero = new RadosReadOperation();
        zero.AssertVersion(0);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.Operate(oid, zero), "version 0");
        var same = new RadosReadOperation();
        same.AssertVersion(version);
        RadosReadStep read = same.Read(0, 1);
        c.Io.Operate(oid, same);
        Check.Bytes(Bytes.Of("0"), read.Data.Span, "read after a matching version");
    }

    /// <summary>A failing FailOk compare lets the read operation go on and succeed.</summary>
    [ConformanceCase]
    public static void FailOkCompareInReadOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosReadOperation();
        op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2")).Flags = RadosStepOptions.FailOk;
        RadosOperationStep omap = op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("no"));
        omap.Flags = RadosStepOptions.FailOk;
        RadosReadStep read = op.Read(0, 2);
        c.Io.Operate(oid, op);
        Check.Equal<int?>(0, op.ReturnCode, "operation code");
        Check.Equal<int?>(-125, omap.ReturnCode, "fail-ok omap compare keeps its code");
        Check.Bytes(Bytes.Of("01"), read.Data.Span, "data");
    }

    /// <summary>LastVersion after a read operation: the object's version on success, 0 after a failure.</summary>
    [ConformanceCase]
    public static void LastVersionAfterReadOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.Stat(oid);
        ulong version = c.Io.LastVersion;
        var ok = new RadosReadOperation();
        ok.AssertExists();
        c.Io.Operate(oid, ok);
        Check.Equal(version, c.Io.LastVersion, "after a successful read operation");
        var failing = new RadosReadOperation();
        failing.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2"));
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, failing), "failing compare");
        Check.Equal(0UL, c.Io.LastVersion, "after a failed read operation");
    }

    /// <summary>Read-operation builders check their arguments; results are unavailable before the operation ran; it runs once.</summary>
    [ConformanceCase]
    public static void ReadOperationArgumentsAndLifecycle(RadosCaseContext c)
    {
        var op = new RadosReadOperation();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.Read(-1, 4), "negative offset");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.Read(0, -1), "negative length");
        Check.ThrowsExactly<ArgumentException>(() => op.GetOmapValues("a\0b"), "NUL in start-after");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.GetOmapKeys(maxReturn: -1), "negative max-return");
        Check.ThrowsExactly<ArgumentNullException>(() => op.GetOmapValuesByKeys(null!), "null keys");
        RadosStatStep stat = op.Stat();
        Check.ThrowsExactly<InvalidOperationException>(() => _ = stat.Stat, "stat before running");
        string oid = Seeded(c);
        c.Io.Operate(oid, op);
        Check.Equal(10L, stat.Stat.Size, "stat");
        Check.ThrowsExactly<InvalidOperationException>(() => c.Io.Operate(oid, op), "second run");
        Check.ThrowsExactly<InvalidOperationException>(() => op.Stat(), "step after running");
    }
}
