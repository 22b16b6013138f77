using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Compound write operations (<c>rados_write_op_*</c>): every step, its errors, the per-step codes librados reports,
/// and atomicity — a failing operation leaves the object exactly as it was. Expected values are the ones measured
/// on Ceph 16 (docs/native-probe-results.md, "Compound operations").
/// </summary>
[ConformanceArea("rados.writeops")]
public static class WriteOperationCases
{
    /// <summary>An object with data "abc", xattr x=1 and omap k1=v1.</summary>
    internal static string Seeded(RadosCaseContext c, string data = "abc")
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of(data));
        c.Io.SetXattr(oid, "x", Bytes.Of("1"));
        c.Io.SetOmap(oid, "k1", Bytes.Of("v1"));
        return oid;
    }

    /// <summary>An empty operation does nothing and returns 0, on a missing and on an existing object.</summary>
    [ConformanceCase]
    public static void EmptyOperationDoesNothing(RadosCaseContext c)
    {
        string missing = c.NewObjectName();
        var op = new RadosWriteOperation();
        c.Io.Operate(missing, op);
        Check.Equal<int?>(0, op.ReturnCode, "return code on a missing object");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, missing).Exists, "missing object created");

        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        c.Io.Operate(oid, new RadosWriteOperation());
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "existing object");
    }

    /// <summary>librados does not even send an empty operation: an empty or overlong object name is not an error then.</summary>
    [ConformanceCase]
    public static void EmptyOperationIgnoresTheObjectName(RadosCaseContext c)
    {
        c.Io.Operate("", new RadosWriteOperation());
        c.Io.Operate(new string('n', RadosLimits.MaxObjectNameLength + 1), new RadosWriteOperation());
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => Run(c, "", op => op.SetXattr("a", Bytes.Of("1"))), "setxattr on object name \"\"");
        Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => Run(c, new string('n', 2049), op => op.WriteFull(Bytes.Of("a"))), "write_full on a 2049-char name");
    }

    /// <summary>Several steps succeed together: create, write, xattr, omap, truncate, append, hint.</summary>
    [ConformanceCase]
    public static void StepsApplyTogether(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        op.Create(exclusive: true);
        op.Write(Bytes.Of("hello world"), 0);
        op.SetXattr("colour", Bytes.Of("blue"));
        op.SetOmap([KeyValuePair.Create("k", new ReadOnlyMemory<byte>(Bytes.Of("v")))]);
        op.Truncate(5);
        op.Append(Bytes.Of("!"));
        op.SetAllocationHint(4096, 4096, RadosAllocationHints.SequentialWrite);
        c.Io.Operate(oid, op);
        Check.Equal<int?>(0, op.ReturnCode, "operation return code");
        Check.Sequence([0, 0, 0, 0, 0, 0, 0], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
        Check.Equal(new ObjectSnapshot(true, Convert.ToHexString(Bytes.Of("hello!")), "colour=" + Convert.ToHexString(Bytes.Of("blue")), "k=" + Convert.ToHexString(Bytes.Of("v"))), ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>assert-exists on a missing object fails with ENOENT and creates nothing, even with a write after it.</summary>
    [ConformanceCase]
    public static void AssertExistsOnMissingObjectIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        RadosOperationStep assert = op.AssertExists();
        RadosOperationStep write = op.WriteFull(Bytes.Of("zz"));
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(oid, op), "assert-exists on a missing object");
        Check.Equal("rados_write_op_assert_exists", ex.Operation, "failing step");
        Check.Equal(oid, ex.Target, "target");
        Check.Equal<int?>(-2, assert.ReturnCode, "assert step code");
        Check.Equal<int?>(0, write.ReturnCode, "write step code");
        Check.Equal<int?>(-2, op.ReturnCode, "operation code");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
    }

    /// <summary>assert-exists sees an object a previous step of the same operation created.</summary>
    [ConformanceCase]
    public static void AssertExistsSeesEarlierSteps(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Run(c, oid, op =>
        {
            op.WriteFull(Bytes.Of("q"));
            op.AssertExists();
        });
        Check.Bytes(Bytes.Of("q"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>assert-version with the object's version lets the operation through.</summary>
    [ConformanceCase]
    public static void AssertVersionMatchingSucceeds(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.Stat(oid);
        ulong version = c.Io.LastVersion;
        Run(c, oid, op =>
        {
            op.AssertVersion(version);
            op.WriteFull(Bytes.Of("new"));
        });
        Check.Bytes(Bytes.Of("new"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>assert-version below the object's version is ERANGE, above it EOVERFLOW, 0 EINVAL; nothing is written.</summary>
    [ConformanceCase]
    public static void AssertVersionMismatchFails(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.Stat(oid);
        ulong version = c.Io.LastVersion;
        var before = ObjectSnapshot.Of(c.Io, oid);
        var lower = Check.Throws<StorageRangeException>(Errno.ERANGE, () => Run(c, oid, op => { op.AssertVersion(version - 1); op.WriteFull(Bytes.Of("bad")); }), "older version asserted");
        Check.Equal("rados_write_op_assert_version", lower.Operation, "failing step");
        Check.Throws<StorageException>(Errno.EOVERFLOW, () => Run(c, oid, op => { op.AssertVersion(version + 1); op.WriteFull(Bytes.Of("bad")); }), "newer version asserted");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => Run(c, oid, op => { op.AssertVersion(0); op.WriteFull(Bytes.Of("bad")); }), "version 0 asserted");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object after the failures");
    }

    /// <summary>A missing object has version 0: asserting any other is EOVERFLOW when the operation writes, ENOENT when it does not.</summary>
    [ConformanceCase]
    public static void AssertVersionOnMissingObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.Throws<StorageException>(Errno.EOVERFLOW, () => Run(c, oid, op => { op.AssertVersion(5); op.WriteFull(Bytes.Of("q")); }), "with a write");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.AssertVersion(5)), "alone");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.AssertVersion(0)), "version 0 alone (the missing object wins)");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
    }

    /// <summary>A matching compare-extent lets the writes after it through, with code 0.</summary>
    [ConformanceCase]
    public static void CompareExtentMatchSucceeds(RadosCaseContext c)
    {
        string oid = Seeded(c, "abcdef");
        var op = new RadosWriteOperation();
        RadosCompareExtentStep compare = op.CompareExtent(Bytes.Of("cd"), 2);
        op.Append(Bytes.Of("G"));
        c.Io.Operate(oid, op);
        Check.Equal<int?>(0, compare.ReturnCode, "compare code");
        Check.Equal<long?>(null, compare.MismatchOffset, "mismatch offset");
        Check.Bytes(Bytes.Of("abcdefG"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>A mismatch at offset n of the extent returns -(MAX_ERRNO + n): a comparison exception naming the offset; nothing written.</summary>
    [ConformanceCase]
    public static void CompareExtentMismatchReportsTheOffset(RadosCaseContext c)
    {
        string oid = Seeded(c, "abcdef");
        var before = ObjectSnapshot.Of(c.Io, oid);
        var op = new RadosWriteOperation();
        RadosCompareExtentStep compare = op.CompareExtent(Bytes.Of("cX"), 2);
        op.Append(Bytes.Of("H"));
        var ex = Check.Throws<StorageComparisonException>((Errno)4096, () => c.Io.Operate(oid, op), "mismatch at the second byte");
        Check.Equal<long?>(1, ex.MismatchOffset, "exception mismatch offset");
        Check.Equal("rados_write_op_cmpext", ex.Operation, "failing step");
        Check.Equal<int?>(-4096, compare.ReturnCode, "compare code");
        Check.Equal<long?>(1, compare.MismatchOffset, "step mismatch offset");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>Bytes past the end compare as zeros: zeros match, anything else mismatches at the first byte past the end.</summary>
    [ConformanceCase]
    public static void CompareExtentPastTheEndComparesZeros(RadosCaseContext c)
    {
        string oid = Seeded(c, "abc");
        Run(c, oid, op => op.CompareExtent([(byte)'c', 0, 0], 2));
        Run(c, oid, op => op.CompareExtent([0, 0], 100));
        Run(c, oid, op => op.CompareExtent([], 0));
        var crossing = Check.Throws<StorageComparisonException>((Errno)4096, () => Run(c, oid, op => op.CompareExtent(Bytes.Of("cZ"), 2)), "crossing the end");
        Check.Equal<long?>(1, crossing.MismatchOffset, "offset crossing the end");
        var past = Check.Throws<StorageComparisonException>(Errno.MAX_ERRNO, () => Run(c, oid, op => op.CompareExtent(Bytes.Of("a"), 100)), "past the end");
        Check.Equal<long?>(0, past.MismatchOffset, "offset past the end");
    }

    /// <summary>Without a write step the operation is a read: on a missing object ENOENT before the compare runs (its code stays 0).</summary>
    [ConformanceCase]
    public static void CompareExtentAloneOnMissingObjectIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        RadosCompareExtentStep compare = op.CompareExtent(Bytes.Of("a"), 0);
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(oid, op), "compare on a missing object");
        Check.Equal("rados_write_op_cmpext", ex.Operation, "failing step");
        Check.Equal<int?>(0, compare.ReturnCode, "compare code (the step never ran)");
    }

    /// <summary>With a write step a missing object compares as zeros: "\0" matches and the object is created, "a" mismatches.</summary>
    [ConformanceCase]
    public static void CompareExtentOnMissingObjectWithWriteComparesZeros(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.Throws<StorageComparisonException>(Errno.MAX_ERRNO, () => Run(c, oid, op => { op.CompareExtent(Bytes.Of("a"), 0); op.WriteFull(Bytes.Of("q")); }), "non-zero byte");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "created by the failed operation");
        Run(c, oid, op => { op.CompareExtent([0], 0); op.WriteFull(Bytes.Of("q")); });
        Check.Bytes(Bytes.Of("q"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>The kit refuses a compare-extent after a data-changing step (Ceph 16 can mark the object unfound); after other steps it is fine.</summary>
    [ConformanceCase]
    public static void CompareExtentAfterDataChangeIsRefused(RadosCaseContext c)
    {
        foreach (Action<RadosWriteOperation> change in new Action<RadosWriteOperation>[]
        {
            op => op.Write(Bytes.Of("a"), 0), op => op.WriteFull(Bytes.Of("a")), op => op.WriteSame(Bytes.Of("a"), 2, 0),
            op => op.Append(Bytes.Of("a")), op => op.Truncate(1), op => op.Zero(0, 1),
        })
        {
            var op = new RadosWriteOperation();
            change(op);
            Check.ThrowsExactly<InvalidOperationException>(() => op.CompareExtent(Bytes.Of("a"), 0), $"compare after {op.Steps[0].Function}");
        }

        string oid = Seeded(c, "abc");
        var removeThenCompare = new RadosWriteOperation();
        removeThenCompare.Remove();
        removeThenCompare.SetXattr("y", Bytes.Of("1"));
        RadosCompareExtentStep compare = removeThenCompare.CompareExtent(Bytes.Of("abc"), 0);
        // After the remove the object has size 0, so the compare sees nothing: a mismatch at 0.
        Check.Throws<StorageComparisonException>(Errno.MAX_ERRNO, () => c.Io.Operate(oid, removeThenCompare), "compare after remove");
        Check.Equal<long?>(0, compare.MismatchOffset, "mismatch offset after remove");
        Check.Bytes(Bytes.Of("abc"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>cmpxattr evaluates "given OP stored": the full operator table against a stored "1".</summary>
    [ConformanceCase]
    public static void CompareXattrOperators(RadosCaseContext c)
    {
        string oid = Seeded(c);
        // given value → whether the comparison holds, for EQ, NE, GT, GTE, LT, LTE against the stored "1".
        var table = new (string Given, bool[] Holds)[]
        {
            ("1", [true, false, false, true, false, true]),
            ("2", [false, true, true, true, false, false]),
            ("0", [false, true, false, false, true, true]),
            ("10", [false, true, true, true, false, false]),
        };
        RadosComparison[] operators = [RadosComparison.Equal, RadosComparison.NotEqual, RadosComparison.Greater, RadosComparison.GreaterOrEqual, RadosComparison.Less, RadosComparison.LessOrEqual];
        foreach (var (given, holds) in table)
        {
            for (int i = 0; i < operators.Length; i++)
            {
                var op = new RadosWriteOperation();
                op.CompareXattr("x", operators[i], Bytes.Of(given));
                string what = $"\"{given}\" {operators[i]} stored \"1\"";
                if (holds[i])
                {
                    c.Io.Operate(oid, op);
                    Check.Equal<int?>(1, op.ReturnCode, what + ": return code of a compare-only operation");
                }
                else
                {
                    Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), what);
                }
            }
        }
    }

    /// <summary>A false cmpxattr fails with ECANCELED and nothing of the operation is applied.</summary>
    [ConformanceCase]
    public static void CompareXattrMismatchIsCanceled(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        var op = new RadosWriteOperation();
        op.SetXattr("y", Bytes.Of("2"));
        RadosOperationStep compare = op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2"));
        op.WriteFull(Bytes.Of("zzz"));
        var ex = Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), "cmpxattr x == 2");
        Check.Equal("rados_write_op_cmpxattr", ex.Operation, "failing step");
        Check.Equal<long?>(null, ex.MismatchOffset, "mismatch offset");
        Check.Sequence([0, -125, 0], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
        Check.Equal<int?>(-125, compare.ReturnCode, "compare code");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>An absent attribute compares as the empty value.</summary>
    [ConformanceCase]
    public static void CompareXattrOfAbsentAttributeComparesEmpty(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Run(c, oid, op => op.CompareXattr("absent", RadosComparison.Equal, []));
        Run(c, oid, op => op.CompareXattr("absent", RadosComparison.NotEqual, Bytes.Of("a")));
        Run(c, oid, op => op.CompareXattr(new string('n', 101), RadosComparison.Equal, []));
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => op.CompareXattr("absent", RadosComparison.Equal, Bytes.Of("a"))), "absent == a");
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => op.CompareXattr("absent", RadosComparison.Less, Bytes.Of("a"))), "a < absent");
    }

    /// <summary>cmpxattr compares bytes unsigned and whole, NUL bytes included.</summary>
    [ConformanceCase]
    public static void CompareXattrComparesBytesUnsigned(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.SetXattr(oid, "hi", [0x80]);
        c.Io.SetXattr(oid, "nul", [(byte)'a', 0, (byte)'b']);
        Run(c, oid, op => op.CompareXattr("hi", RadosComparison.Less, [0x01]));
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => op.CompareXattr("hi", RadosComparison.Greater, [0x01])), "0x01 > 0x80");
        Run(c, oid, op => op.CompareXattr("nul", RadosComparison.Equal, [(byte)'a', 0, (byte)'b']));
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => op.CompareXattr("nul", RadosComparison.Equal, Bytes.Of("a"))), "a\\0b == a");
    }

    /// <summary>cmpxattr on a missing object is ENOENT, even when the operation creates the object first.</summary>
    [ConformanceCase]
    public static void CompareXattrOnMissingObjectIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.CompareXattr("x", RadosComparison.Equal, []); op.WriteFull(Bytes.Of("q")); }), "cmpxattr then write");
        Check.Equal("rados_write_op_cmpxattr", ex.Operation, "failing step");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.SetXattr("x", Bytes.Of("1")); op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1")); }), "setxattr then cmpxattr");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
    }

    /// <summary>Compares see the object as it was before the operation: a setxattr or omap set of the same operation is invisible to them.</summary>
    [ConformanceCase]
    public static void ComparesSeeTheObjectBeforeTheOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => { op.SetXattr("x", Bytes.Of("5")); op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("5")); }), "cmpxattr after setxattr");
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => { op.SetOmap([KeyValuePair.Create("k1", new ReadOnlyMemory<byte>(Bytes.Of("zz")))]); op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("zz")); }), "omap compare after omap set");
        // After a remove in the same operation cmpxattr still sees the old attribute, and the object stays removed.
        Run(c, oid, op => { op.Remove(); op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1")); });
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object after remove + cmpxattr");
    }

    /// <summary>
    /// Measured: a remove does not reset what the OSD compares against — assert-version still sees the removed
    /// object's version, and an omap compare on the re-created object still reads the stored omap. Only an omap
    /// clear earlier in the operation hides it (until an omap set in the operation brings it back); on an object the
    /// operation creates, an omap set before the compare makes it ENOENT.
    /// </summary>
    [ConformanceCase]
    public static void ComparesAfterRemoveAndClear(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.Stat(oid);
        ulong version = c.Io.LastVersion;
        Run(c, oid, op => { op.Remove(); op.AssertVersion(version); });
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "removed");

        string recreated = Seeded(c);
        Run(c, recreated, op => { op.Remove(); op.Create(true); op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1")); });
        Check.Equal(new ObjectSnapshot(true, "", "", ""), ObjectSnapshot.Of(c.Io, recreated), "re-created");

        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, Seeded(c), op => { op.ClearOmap(); op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1")); }), "clear, compare");
        Run(c, Seeded(c), op => { op.ClearOmap(); op.CompareOmap("k1", RadosComparison.Equal, []); });
        Run(c, Seeded(c), op => { op.RemoveOmapKeys(["k1"]); op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1")); });
        string cleared = Seeded(c);
        Run(c, cleared, op => { op.ClearOmap(); op.SetOmap([KeyValuePair.Create("z", new ReadOnlyMemory<byte>(Bytes.Of("1")))]); op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1")); });
        Check.Sequence(["z"], c.Io.GetAllOmapKeys(cleared), "omap keys");

        // On an object the operation creates, an omap set makes the compare read an omap not stored yet: ENOENT.
        string created = c.NewObjectName();
        Run(c, created, op => { op.Create(true); op.CompareOmap("k", RadosComparison.Equal, []); });
        var missing = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, c.NewObjectName(), op => { op.SetOmap([KeyValuePair.Create("k", new ReadOnlyMemory<byte>(Bytes.Of("1")))]); op.CompareOmap("k", RadosComparison.Equal, Bytes.Of("1")); }), "omap set, compare on a new object");
        Check.Equal("rados_write_op_omap_cmp2", missing.Operation, "failing step");
    }

    /// <summary>omap-compare evaluates "stored OP given" (the opposite of cmpxattr), with equal, greater and less.</summary>
    [ConformanceCase]
    public static void CompareOmapOperators(RadosCaseContext c)
    {
        string oid = Seeded(c);
        // Stored k1 = "v1".
        foreach (var (given, comparison, holds) in new (string, RadosComparison, bool)[]
        {
            ("v1", RadosComparison.Equal, true), ("v2", RadosComparison.Equal, false),
            ("v0", RadosComparison.Greater, true), ("v2", RadosComparison.Greater, false), ("v1", RadosComparison.Greater, false),
            ("v2", RadosComparison.Less, true), ("v0", RadosComparison.Less, false), ("v1x", RadosComparison.Less, true),
        })
        {
            var op = new RadosWriteOperation();
            RadosOperationStep compare = op.CompareOmap("k1", comparison, Bytes.Of(given));
            string what = $"stored \"v1\" {comparison} \"{given}\"";
            if (holds)
            {
                c.Io.Operate(oid, op);
                Check.Equal<int?>(0, compare.ReturnCode, what + ": step code");
            }
            else
            {
                var ex = Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), what);
                Check.Equal("rados_write_op_omap_cmp2", ex.Operation, what + ": failing step");
                Check.Equal<int?>(-125, compare.ReturnCode, what + ": step code");
            }
        }
    }

    /// <summary>omap-compare rejects not-equal, greater-or-equal and less-or-equal with EINVAL (its own code -22).</summary>
    [ConformanceCase]
    public static void CompareOmapUnsupportedOperatorsAreInvalid(RadosCaseContext c)
    {
        string oid = Seeded(c);
        foreach (RadosComparison comparison in new[] { RadosComparison.NotEqual, RadosComparison.GreaterOrEqual, RadosComparison.LessOrEqual })
        {
            var op = new RadosWriteOperation();
            RadosOperationStep compare = op.CompareOmap("k1", comparison, Bytes.Of("v1"));
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.Operate(oid, op), comparison.ToString());
            Check.Equal<int?>(-22, compare.ReturnCode, comparison + ": step code");
        }
    }

    /// <summary>omap-compare: a missing key compares as empty; bytes compare as signed chars; keys may hold NUL.</summary>
    [ConformanceCase]
    public static void CompareOmapValues(RadosCaseContext c)
    {
        string oid = Seeded(c);
        c.Io.SetOmap(oid, "hi", new byte[] { 0x80 });
        c.Io.SetOmap(oid, "a\0b", Bytes.Of("z"));
        Run(c, oid, op => op.CompareOmap("nokey", RadosComparison.Equal, []));
        Run(c, oid, op => op.CompareOmap("nokey", RadosComparison.Less, Bytes.Of("a")));
        Run(c, oid, op => op.CompareOmap("hi", RadosComparison.Less, [0x01]));
        Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => Run(c, oid, op => op.CompareOmap("hi", RadosComparison.Greater, [0x01])), "0x80 > 0x01 as signed chars");
        Run(c, oid, op => op.CompareOmap("a\0b", RadosComparison.Equal, Bytes.Of("z")));
        Run(c, oid, op => op.CompareOmap("a", RadosComparison.Equal, []));
    }

    /// <summary>omap-compare on a missing object is ENOENT, reported as its own code; also after a remove in the same operation.</summary>
    [ConformanceCase]
    public static void CompareOmapOnMissingObjectIsNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        RadosOperationStep compare = op.CompareOmap("k", RadosComparison.Equal, []);
        op.WriteFull(Bytes.Of("q"));
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(oid, op), "omap compare on a missing object");
        Check.Equal<int?>(-2, compare.ReturnCode, "compare code");

        string seeded = Seeded(c);
        var after = new RadosWriteOperation();
        after.Remove();
        RadosOperationStep compareAfterRemove = after.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1"));
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(seeded, after), "omap compare after remove");
        Check.Equal("rados_write_op_omap_cmp2", ex.Operation, "failing step");
        Check.Equal<int?>(-2, compareAfterRemove.ReturnCode, "compare code after remove");
        Check.Equal<int?>(0, after.Steps[0].ReturnCode, "remove code");
        Check.Equal(true, ObjectSnapshot.Of(c.Io, seeded).Exists, "object still there");
    }

    /// <summary>A compare-only operation returns the last compare's result: 1 after a holding cmpxattr, which assert-exists and a holding omap compare pass on; a write resets it to 0.</summary>
    [ConformanceCase]
    public static void CompareOnlyOperationReturnsOne(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var passOn = new RadosWriteOperation();
        passOn.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        passOn.AssertExists();
        RadosOperationStep omapCompare = passOn.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("v1"));
        c.Io.Operate(oid, passOn);
        Check.Equal<int?>(1, passOn.ReturnCode, "cmpxattr, assert-exists, omap compare");
        Check.Equal<int?>(1, omapCompare.ReturnCode, "omap compare code after a holding cmpxattr");

        var reset = new RadosWriteOperation();
        reset.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        RadosCompareExtentStep compare = reset.CompareExtent(Bytes.Of("a"), 0);
        c.Io.Operate(oid, reset);
        Check.Equal<int?>(0, reset.ReturnCode, "cmpxattr, cmpext");
        Check.Equal<int?>(0, compare.ReturnCode, "cmpext code");

        var write = new RadosWriteOperation();
        write.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        write.SetXattr("y", Bytes.Of("1"));
        c.Io.Operate(oid, write);
        Check.Equal<int?>(0, write.ReturnCode, "cmpxattr, setxattr");
    }

    /// <summary>Exclusive create of an existing object is EEXIST; non-exclusive keeps it as it is.</summary>
    [ConformanceCase]
    public static void CreateOnExistingObject(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        var ex = Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => Run(c, oid, op => { op.Create(exclusive: true); op.Append(Bytes.Of("z")); }), "exclusive create");
        Check.Equal("rados_write_op_create", ex.Operation, "failing step");
        Run(c, oid, op => op.Create(exclusive: false));
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>The Exclusive step flag (LIBRADOS_OP_FLAG_EXCL) makes a non-exclusive create exclusive.</summary>
    [ConformanceCase]
    public static void ExclusiveStepFlagMakesCreateExclusive(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosWriteOperation();
        op.Create(exclusive: false).Flags = RadosStepOptions.Exclusive;
        var ex = Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.Operate(oid, op), "create with the EXCL flag");
        Check.Equal("rados_write_op_create", ex.Operation, "failing step");
    }

    /// <summary>An exclusive create fails on an object an earlier step created: twice in one operation, or after a write.</summary>
    [ConformanceCase]
    public static void CreateExclusiveSeesEarlierSteps(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => Run(c, oid, op => { op.Create(true); op.Create(true); }), "create twice");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => Run(c, oid, op => { op.WriteFull(Bytes.Of("q")); op.Create(true); }), "write, then create");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
    }

    /// <summary>Remove, then exclusive create in one operation: a fresh, empty object without xattrs or omap.</summary>
    [ConformanceCase]
    public static void RemoveThenCreateExclusiveMakesAFreshObject(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Run(c, oid, op => { op.Remove(); op.Create(exclusive: true); });
        Check.Equal(new ObjectSnapshot(true, "", "", ""), ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>Remove, then write in one operation: the object is re-created with only the new data (a gap reads as zeros).</summary>
    [ConformanceCase]
    public static void RemoveThenWriteRecreates(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Run(c, oid, op => { op.Remove(); op.WriteFull(Bytes.Of("N")); });
        Check.Equal(new ObjectSnapshot(true, Convert.ToHexString(Bytes.Of("N")), "", ""), ObjectSnapshot.Of(c.Io, oid), "after write_full");
        string other = Seeded(c);
        Run(c, other, op => { op.Remove(); op.Write(Bytes.Of("N"), 2); });
        Check.Bytes([0, 0, (byte)'N'], c.Io.ReadAll(other), "after write at 2");
        string third = Seeded(c);
        Run(c, third, op => { op.Remove(); op.SetOmap([KeyValuePair.Create("n", new ReadOnlyMemory<byte>(Bytes.Of("1")))]); });
        Check.Equal(new ObjectSnapshot(true, "", "", "n=" + Convert.ToHexString(Bytes.Of("1"))), ObjectSnapshot.Of(c.Io, third), "after omap set");
    }

    /// <summary>After a remove in the same operation the object is gone for the steps that follow: a second remove, rmxattr, omap clear are ENOENT, atomically.</summary>
    [ConformanceCase]
    public static void StepsAfterRemoveFindNoObject(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.Remove(); op.Remove(); }), "remove twice");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.Remove(); op.AssertExists(); }), "remove, assert-exists");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.Remove(); op.RemoveXattr("x"); }), "remove, rmxattr");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => { op.Remove(); op.ClearOmap(); }), "remove, omap clear");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
        // A truncate of the now missing object is a no-op: it stays removed.
        Run(c, oid, op => { op.Remove(); op.Truncate(5); });
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "after remove, truncate");
    }

    /// <summary>
    /// The kit refuses a remove after the object was removed and re-created in the same operation: Ceph 16 answers 0
    /// but leaves the object unchanged (measured). Two removes with no re-creation between are fine (ENOENT).
    /// </summary>
    [ConformanceCase]
    public static void SecondRemoveAfterRecreationIsRefused(RadosCaseContext c)
    {
        foreach (Action<RadosWriteOperation> recreate in new Action<RadosWriteOperation>[]
        {
            op => op.Create(true), op => op.WriteFull(Bytes.Of("n")), op => op.SetXattr("q", Bytes.Of("1")),
            op => op.SetOmap([KeyValuePair.Create("k", new ReadOnlyMemory<byte>(Bytes.Of("1")))]), op => op.SetAllocationHint(1, 1),
        })
        {
            var op = new RadosWriteOperation();
            op.Remove();
            recreate(op);
            Check.ThrowsExactly<InvalidOperationException>(() => op.Remove(), $"remove, {op.Steps[1].Function}, remove");
        }

        string oid = Seeded(c);
        var allowed = new RadosWriteOperation();
        allowed.Remove();
        allowed.Truncate(0);
        allowed.Remove();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Io.Operate(oid, allowed), "remove, truncate, remove");
        Check.Equal(true, ObjectSnapshot.Of(c.Io, oid).Exists, "object after the failed operation");
    }

    /// <summary>Create (or write) then remove of a missing object leaves nothing; remove alone on it is ENOENT.</summary>
    [ConformanceCase]
    public static void CreateThenRemoveLeavesNothing(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Run(c, oid, op => { op.Create(true); op.Remove(); });
        Run(c, oid, op => { op.WriteFull(Bytes.Of("q")); op.Remove(); });
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object");
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.Remove()), "remove of a missing object");
        Check.Equal("rados_write_op_remove", ex.Operation, "failing step");
    }

    /// <summary>write-same repeats the pattern over the length; 0 does nothing (not even create); a length not a multiple of the pattern is EINVAL.</summary>
    [ConformanceCase]
    public static void WriteSame(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Run(c, oid, op => op.WriteSame(Bytes.Of("ab"), 6, 2));
        Check.Bytes(Bytes.Of("01ababab89"), c.Io.ReadAll(oid), "data");
        Run(c, oid, op => op.WriteSame(Bytes.Of("xy"), 4, 12));
        Check.Bytes(Bytes.Of("01ababab89\0\0xyxy"), c.Io.ReadAll(oid), "past the end");
        var notMultiple = Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => Run(c, oid, op => op.WriteSame(Bytes.Of("ab"), 5, 2)), "length 5 of a 2-byte pattern");
        Check.Equal("rados_write_op_writesame", notMultiple.Operation, "failing step");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => Run(c, oid, op => op.WriteSame(Bytes.Of("ab"), 1, 2)), "length shorter than the pattern");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => Run(c, oid, op => op.WriteSame([], 4, 2)), "empty pattern");
        string missing = c.NewObjectName();
        Run(c, missing, op => op.WriteSame(Bytes.Of("ab"), 0, 1));
        Check.Equal(false, ObjectSnapshot.Of(c.Io, missing).Exists, "length 0 created the object");
    }

    /// <summary>zero clears bytes inside the object; reaching the end it truncates at the offset; past the end or on a missing object it does nothing.</summary>
    [ConformanceCase]
    public static void ZeroRanges(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Run(c, oid, op => op.Zero(2, 3));
        Check.Bytes(Bytes.Of("01\0\0\056789"), c.Io.ReadAll(oid), "inside");
        Run(c, oid, op => op.Zero(8, 4));
        Check.Bytes(Bytes.Of("01\0\0\0567"), c.Io.ReadAll(oid), "crossing the end (truncated to 8)");
        Run(c, oid, op => op.Zero(6, 2));
        Check.Bytes(Bytes.Of("01\0\0\05"), c.Io.ReadAll(oid), "up to the end (truncated to 6)");
        Run(c, oid, op => op.Zero(20, 10));
        Check.Equal(6L, c.Io.Stat(oid).Size, "past the end");
        string missing = c.NewObjectName();
        Run(c, missing, op => op.Zero(0, 4));
        Check.Equal(false, ObjectSnapshot.Of(c.Io, missing).Exists, "zero created a missing object");
        Check.Throws<StorageException>(Errno.EFBIG, () => Run(c, oid, op => op.Zero(1L << 40, 4)), "zero at 2^40");
    }

    /// <summary>
    /// The kit refuses a zero of length 0 (a Ceph 16 OSD aborts on it), a write of nothing past offset 0 (it can leave
    /// a stale checksum that makes the object unreadable) and values C cannot carry, before any I/O.
    /// </summary>
    [ConformanceCase]
    public static void BuilderRefusesUnsafeArguments(RadosCaseContext c)
    {
        var op = new RadosWriteOperation();
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.Zero(0, 0), "zero of length 0");
        Check.ThrowsExactly<ArgumentException>(() => op.Write([], 5), "write of nothing past offset 0");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.Write(Bytes.Of("a"), -1), "negative offset");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.Truncate(-1), "negative size");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.CompareXattr("x", (RadosComparison)7, []), "comparison 7");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => op.ModifiedTime = DateTimeOffset.UnixEpoch.AddSeconds(-5), "mtime before 1970");
        Check.ThrowsExactly<ArgumentException>(() => op.SetXattr("a\0b", []), "NUL in an xattr name");
        Check.ThrowsExactly<ArgumentNullException>(() => op.RemoveOmapKeys(null!), "null key list");
        Check.ThrowsExactly<ArgumentException>(() => op.RemoveOmapRange("z", "a"), "inverted omap range");
        Check.Equal(0, op.Steps.Count, "steps added by refused calls");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Operate("obj", (RadosWriteOperation)null!), "null operation");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.Operate(null!, new RadosWriteOperation()), "null object name");
    }

    /// <summary>Truncate then append; truncate of a missing object does nothing, but a setxattr after it creates the object.</summary>
    [ConformanceCase]
    public static void TruncateInOperations(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        Run(c, oid, op => { op.Truncate(4); op.Append(Bytes.Of("X")); });
        Check.Bytes(Bytes.Of("0123X"), c.Io.ReadAll(oid), "data");
        string missing = c.NewObjectName();
        Run(c, missing, op => op.Truncate(4));
        Check.Equal(false, ObjectSnapshot.Of(c.Io, missing).Exists, "truncate created the object");
        Run(c, missing, op => { op.Truncate(4); op.SetXattr("a", Bytes.Of("b")); });
        Check.Equal(0L, c.Io.Stat(missing).Size, "size after truncate + setxattr");
        Check.Throws<StorageException>(Errno.EFBIG, () => Run(c, oid, op => op.Truncate(1L << 40)), "truncate to 2^40");
    }

    /// <summary>A write past the size limit fails with EFBIG and the steps before it are not applied.</summary>
    [ConformanceCase]
    public static void WriteTooFarIsFileTooLargeAndAtomic(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        var op = new RadosWriteOperation();
        op.SetXattr("q", Bytes.Of("1"));
        op.Write(Bytes.Of("ab"), 1L << 40);
        var ex = Check.Throws<StorageException>(Errno.EFBIG, () => c.Io.Operate(oid, op), "write at 2^40");
        Check.Equal("rados_write_op_write", ex.Operation, "failing step");
        Check.Sequence([0, -27], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
        Check.Throws<StorageException>(Errno.EFBIG, () => Run(c, oid, o => o.WriteSame(Bytes.Of("xy"), 4, 1L << 40)), "write-same at 2^40");
    }

    /// <summary>A setxattr with a 101-byte name fails with ENAMETOOLONG and the write before it is not applied.</summary>
    [ConformanceCase]
    public static void SetXattrNameTooLongIsAtomic(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        var ex = Check.Throws<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => Run(c, oid, op => { op.WriteFull(Bytes.Of("ZZ")); op.SetXattr(new string('n', 101), Bytes.Of("1")); }), "101-byte xattr name");
        Check.Equal("rados_write_op_setxattr", ex.Operation, "failing step");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>rmxattr: fine for an absent attribute (also a 101-byte name), ENOENT on a missing object.</summary>
    [ConformanceCase]
    public static void RemoveXattrInOperations(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Run(c, oid, op => { op.RemoveXattr("absent"); op.RemoveXattr(new string('n', 101)); op.RemoveXattr("x"); });
        Check.Equal(0, c.Io.GetXattrs(oid).Count, "xattrs left");
        string missing = c.NewObjectName();
        var ex = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, missing, op => op.RemoveXattr("x")), "rmxattr on a missing object");
        Check.Equal("rados_write_op_rmxattr", ex.Operation, "failing step");
    }

    /// <summary>omap remove-keys, remove-range and clear are ENOENT on a missing object and create nothing.</summary>
    [ConformanceCase]
    public static void OmapRemovalsOnMissingObjectAreNotFound(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var keys = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.RemoveOmapKeys(["a"])), "rm keys");
        Check.Equal("rados_write_op_omap_rm_keys2", keys.Operation, "rm keys step");
        var range = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.RemoveOmapRange("a", "z")), "rm range");
        Check.Equal("rados_write_op_omap_rm_range2", range.Operation, "rm range step");
        var clear = Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => Run(c, oid, op => op.ClearOmap()), "clear");
        Check.Equal("rados_write_op_omap_clear", clear.Operation, "clear step");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
    }

    /// <summary>omap remove-range removes the keys in [begin, end): bytewise order, end excluded; "" to "zz" removes everything below "zz".</summary>
    [ConformanceCase]
    public static void OmapRemoveRangeIsHalfOpen(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.SetOmap(oid, new Dictionary<string, byte[]> { ["a"] = Bytes.Of("1"), ["b"] = Bytes.Of("2"), ["c"] = Bytes.Of("3"), ["d"] = Bytes.Of("4"), ["zzz"] = Bytes.Of("5") });
        Run(c, oid, op => op.RemoveOmapRange("b", "d"));
        Check.Sequence(["a", "d", "zzz"], c.Io.GetAllOmapKeys(oid), "after [b, d)");
        Run(c, oid, op => op.RemoveOmapRange("a", "a"));
        Check.Sequence(["a", "d", "zzz"], c.Io.GetAllOmapKeys(oid), "after [a, a)");
        Run(c, oid, op => op.RemoveOmapRange("", "zz"));
        Check.Sequence(["zzz"], c.Io.GetAllOmapKeys(oid), "after [\"\", zz)");
    }

    /// <summary>omap set, remove-keys and clear in one operation apply in order.</summary>
    [ConformanceCase]
    public static void OmapStepsApplyInOrder(RadosCaseContext c)
    {
        string oid = Seeded(c);
        Run(c, oid, op =>
        {
            op.ClearOmap();
            op.SetOmap([KeyValuePair.Create("a", new ReadOnlyMemory<byte>(Bytes.Of("1"))), KeyValuePair.Create("b", new ReadOnlyMemory<byte>(Bytes.Of("2")))]);
            op.RemoveOmapKeys(["a", "absent"]);
        });
        Check.Entries(new Dictionary<string, byte[]> { ["b"] = Bytes.Of("2") }, c.Io.GetAllOmapValues(oid), "omap");
    }

    /// <summary>An allocation hint alone creates a missing object (size 0), whatever the sizes and flags.</summary>
    [ConformanceCase]
    public static void AllocationHintCreatesTheObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Run(c, oid, op => op.SetAllocationHint(4096, 4096, RadosAllocationHints.SequentialWrite | RadosAllocationHints.ShortLived));
        Check.Equal(0L, c.Io.Stat(oid).Size, "size");
        string huge = c.NewObjectName();
        Run(c, huge, op => op.SetAllocationHint(1UL << 50, 1UL << 50, (RadosAllocationHints)(-1)));
        Check.Equal(0L, c.Io.Stat(huge).Size, "size with huge hints");
    }

    /// <summary>The operation sets the mtime it is given (whole seconds); the Unix epoch leaves the mtime as it is.</summary>
    [ConformanceCase]
    public static void ModifiedTimeFromTheOperation(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var time = DateTimeOffset.FromUnixTimeSeconds(1_000_000_000).AddMilliseconds(123);
        var op = new RadosWriteOperation { ModifiedTime = time };
        op.WriteFull(Bytes.Of("m"));
        c.Io.Operate(oid, op);
        Check.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000), c.Io.Stat(oid).ModifiedTime, "mtime");
        var keep = new RadosWriteOperation { ModifiedTime = DateTimeOffset.UnixEpoch };
        keep.SetXattr("a", Bytes.Of("b"));
        c.Io.Operate(oid, keep);
        Check.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000_000), c.Io.Stat(oid).ModifiedTime, "mtime after an epoch-stamped write");
        string fresh = c.NewObjectName();
        var epoch = new RadosWriteOperation { ModifiedTime = DateTimeOffset.UnixEpoch };
        epoch.WriteFull(Bytes.Of("n"));
        c.Io.Operate(fresh, epoch);
        Check.Equal(DateTimeOffset.UnixEpoch, c.Io.Stat(fresh).ModifiedTime, "mtime of a new object stamped with the epoch");
    }

    /// <summary>An operation that changes nothing (asserts, compares) leaves the mtime alone, even with a time given.</summary>
    [ConformanceCase]
    public static void OperationWithoutChangesKeepsTheMtime(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Run(c, oid, op => { op.WriteFull(Bytes.Of("m")); }, DateTimeOffset.FromUnixTimeSeconds(2_000_000_000));
        Run(c, oid, op => op.AssertExists(), DateTimeOffset.FromUnixTimeSeconds(1_000_000_000));
        Run(c, oid, _ => { }, DateTimeOffset.FromUnixTimeSeconds(1_000_000_000));
        Check.Equal(DateTimeOffset.FromUnixTimeSeconds(2_000_000_000), c.Io.Stat(oid).ModifiedTime, "mtime");
    }

    /// <summary>FailOk lets the operation succeed past a failing step: the others apply; cmpext keeps its code.</summary>
    [ConformanceCase]
    public static void FailOkStepsDoNotFailTheOperation(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosWriteOperation();
        op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2")).Flags = RadosStepOptions.FailOk;
        RadosCompareExtentStep compare = op.CompareExtent(Bytes.Of("X"), 0);
        compare.Flags = RadosStepOptions.FailOk;
        op.Create(exclusive: true).Flags = RadosStepOptions.FailOk;
        op.SetXattr("fok", Bytes.Of("1"));
        op.Append(Bytes.Of("Y"));
        c.Io.Operate(oid, op);
        Check.Equal<int?>(0, op.ReturnCode, "operation code");
        Check.Equal<int?>(-4095, compare.ReturnCode, "compare-extent keeps its code");
        Check.Equal<int?>(0, op.Steps[0].ReturnCode, "cmpxattr code (librados reports none of its own)");
        Check.Bytes(Bytes.Of("abcY"), c.Io.ReadAll(oid), "data");
        Check.Bytes(Bytes.Of("1"), c.Io.GetXattr(oid, "fok"), "xattr set after the failed steps");
    }

    /// <summary>FailOk on a remove or assert-exists of a missing object: the write after it creates the object.</summary>
    [ConformanceCase]
    public static void FailOkOnMissingObject(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        Run(c, oid, op => { op.Remove().Flags = RadosStepOptions.FailOk; op.SetXattr("a", Bytes.Of("1")); });
        Check.Bytes(Bytes.Of("1"), c.Io.GetXattr(oid, "a"), "xattr");
        string other = c.NewObjectName();
        Run(c, other, op => { op.AssertExists().Flags = RadosStepOptions.FailOk; op.WriteFull(Bytes.Of("w")); });
        Check.Bytes(Bytes.Of("w"), c.Io.ReadAll(other), "data");
    }

    /// <summary>FailOk covers only its step: a later failing step still fails the operation, which is then attributed to it.</summary>
    [ConformanceCase]
    public static void FailOkDoesNotCoverLaterSteps(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var before = ObjectSnapshot.Of(c.Io, oid);
        var op = new RadosWriteOperation();
        op.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2")).Flags = RadosStepOptions.FailOk;
        op.Create(exclusive: true);
        var ex = Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Io.Operate(oid, op), "create after a fail-ok compare");
        Check.Equal("rados_write_op_create", ex.Operation, "failing step");
        Check.Sequence([0, -17], op.Steps.Select(s => s.ReturnCode ?? -999), "step codes");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");
    }

    /// <summary>Steps after the failing one report 0, as librados fills their codes.</summary>
    [ConformanceCase]
    public static void StepsAfterTheFailureReportZero(RadosCaseContext c)
    {
        string oid = Seeded(c);
        var op = new RadosWriteOperation();
        op.SetXattr("y", Bytes.Of("1"));
        RadosOperationStep compareOmap = op.CompareOmap("k1", RadosComparison.Equal, Bytes.Of("no"));
        RadosCompareExtentStep compareExtent = op.CompareExtent(Bytes.Of("a"), 0);
        var ex = Check.Throws<StorageComparisonException>(Errno.ECANCELED, () => c.Io.Operate(oid, op), "omap compare fails");
        Check.Equal("rados_write_op_omap_cmp2", ex.Operation, "failing step");
        Check.Equal<int?>(-125, compareOmap.ReturnCode, "failing step code");
        Check.Equal<int?>(0, compareExtent.ReturnCode, "code of the step after it");
        Check.Equal<int?>(0, op.Steps[0].ReturnCode, "code of the setxattr before it");
        Check.Equal(false, c.Io.GetXattrs(oid).ContainsKey("y"), "setxattr applied");
    }

    /// <summary>Every LIBRADOS_OPERATION_* flag and the fadvise step flags are accepted and change nothing.</summary>
    [ConformanceCase]
    public static void OperationAndStepFlagsAreAccepted(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        foreach (RadosOperationOptions flags in Enum.GetValues<RadosOperationOptions>())
        {
            var op = new RadosWriteOperation { Flags = flags };
            op.Append(Bytes.Of("a")).Flags = RadosStepOptions.FadviseDontNeed | RadosStepOptions.FadviseNoCache | RadosStepOptions.FadviseFua;
            c.Io.Operate(oid, op);
        }

        Check.Equal((long)Enum.GetValues<RadosOperationOptions>().Length, c.Io.Stat(oid).Size, "bytes appended");
    }

    /// <summary>An operation runs once; afterwards it takes no steps or flags; before it runs its steps have no results.</summary>
    [ConformanceCase]
    public static void OperationRunsOnce(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        RadosCompareExtentStep compare = op.CompareExtent([], 0);
        RadosOperationStep write = op.WriteFull(Bytes.Of("a"));
        Check.Equal<int?>(null, write.ReturnCode, "code before running");
        Check.Equal(false, op.IsComplete, "complete before running");
        Check.ThrowsExactly<InvalidOperationException>(() => _ = compare.MismatchOffset, "result before running");
        c.Io.Operate(oid, op);
        Check.Equal(true, op.IsComplete, "complete after running");
        Check.ThrowsExactly<InvalidOperationException>(() => c.Io.Operate(oid, op), "second run");
        Check.ThrowsExactly<InvalidOperationException>(() => op.Append(Bytes.Of("b")), "step after running");
        Check.ThrowsExactly<InvalidOperationException>(() => write.Flags = RadosStepOptions.FailOk, "step flags after running");
        Check.ThrowsExactly<InvalidOperationException>(() => op.ModifiedTime = DateTimeOffset.UnixEpoch, "mtime after running");
        Check.Bytes(Bytes.Of("a"), c.Io.ReadAll(oid), "data");
    }

    /// <summary>Operate on a disposed io context is ObjectDisposedException, after shutdown ENOTCONN; the operation stays unused.</summary>
    [ConformanceCase]
    public static void OperateAfterDisposeOrShutdown(RadosCaseContext c)
    {
        IRadosIoContext disposed = c.OpenIoContext();
        disposed.Dispose();
        var op = new RadosWriteOperation();
        op.WriteFull(Bytes.Of("a"));
        Check.ThrowsExactly<ObjectDisposedException>(() => disposed.Operate(c.NewObjectName(), op), "disposed io context");
        IRadosClient client = c.NewClient();
        IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        client.Shutdown();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => io.Operate(c.NewObjectName(), op), "shut-down client");
        Check.Equal(false, op.IsComplete, "operation consumed");
        io.Dispose();
    }

    /// <summary>Runs a write operation built by <paramref name="build"/> on <paramref name="objectName"/>.</summary>
    internal static RadosWriteOperation Run(RadosCaseContext c, string objectName, Action<RadosWriteOperation> build, DateTimeOffset? modifiedTime = null)
    {
        var op = new RadosWriteOperation { ModifiedTime = modifiedTime };
        build(op);
        c.Io.Operate(objectName, op);
        return op;
    }
}
