using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using StorageKit.Native.Rados;
using StorageKit.Rados;

namespace StorageKit.Native;

/// <summary>
/// A native <c>rados_write_op_t</c> / <c>rados_read_op_t</c> built from a kit operation, with everything librados
/// writes into when the operation completes: one zeroed native slot per step (its <c>prval</c>, bytes read, stat
/// fields, iterator, <c>more</c> flag) and the pinned read buffers. All of it stays valid until <see cref="Dispose"/>,
/// which the caller runs only after the operation completed (synchronously, or in the aio completion), and which
/// frees the iterators librados allocated when the steps were added — whatever the outcome.
/// </summary>
internal sealed unsafe class NativeCompoundOperation : IDisposable
{
    private const int SlotSize = 32;

    private readonly RadosOperation _operation;
    private readonly bool _write;
    private readonly List<MemoryHandle> _pins = [];
    private byte* _slots;

    private NativeCompoundOperation(RadosOperation operation)
    {
        _operation = operation;
        _write = operation.IsWrite;
        _slots = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(operation.Steps.Count, 1), SlotSize);
        Pointer = _write ? Interop.Rados.rados_create_write_op() : Interop.Rados.rados_create_read_op();
        if (Pointer == 0)
        {
            NativeMemory.Free(_slots);
            _slots = null;
            throw StorageErrors.Create(Errno.ENOMEM, _write ? "rados_create_write_op" : "rados_create_read_op");
        }
    }

    private delegate void CountedCall(byte** items, nuint* lengths, nuint count);

    /// <summary>The native op.</summary>
    public nint Pointer { get; private set; }

    /// <summary>Creates the native op and adds every step of <paramref name="operation"/>.</summary>
    public static NativeCompoundOperation Build(RadosOperation operation)
    {
        var built = new NativeCompoundOperation(operation);
        try
        {
            for (int i = 0; i < operation.Steps.Count; i++)
            {
                built.Add(i, operation.Steps[i]);
            }

            return built;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    /// <summary>Copies what librados reported into the steps (codes of steps with their own, results); call once the op completed.</summary>
    public void Harvest(string objectName)
    {
        IReadOnlyList<RadosOperationStep> steps = _operation.Steps;
        for (int i = 0; i < steps.Count; i++)
        {
            RadosOperationStep step = steps[i];
            if (!step.ReportsOwnReturnCode)
            {
                continue;
            }

            int returnCode = *Result(i);
            step.SetOwnReturnCode(returnCode);
            byte* extra = Extra(i);
            switch (step)
            {
                case RadosReadStep read:
                    read.SetBytesRead(checked((int)*(nuint*)extra));
                    break;
                case RadosStatStep stat when returnCode >= 0:
                    stat.SetStat(new RadosObjectStat(checked((long)*(ulong*)extra), DateTimeOffset.FromUnixTimeSeconds(*(long*)(extra + 8))));
                    break;
                case RadosXattrsStep xattrs when returnCode >= 0:
                    xattrs.SetXattrs(new RadosXattrIterator(*(nint*)extra).ReadAll(objectName));
                    break;
                case RadosOmapValuesStep values when returnCode >= 0:
                    values.SetPage(new RadosOmapPage(new RadosOmapIterator(*(nint*)extra).ReadEntries(step.Function, objectName), extra[8] != 0));
                    break;
                case RadosOmapKeysStep keys when returnCode >= 0:
                    var page = new RadosOmapIterator(*(nint*)extra).ReadEntries(step.Function, objectName);
                    keys.SetPage(new RadosOmapKeysPage(page.ConvertAll(entry => entry.Key), extra[8] != 0));
                    break;
                case RadosOmapValuesByKeysStep byKeys when returnCode >= 0:
                    var found = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
                    foreach (var (key, value) in new RadosOmapIterator(*(nint*)extra).ReadEntries(step.Function, objectName))
                    {
                        found[key] = value;
                    }

                    byKeys.SetEntries(found);
                    break;
            }
        }
    }

    /// <summary>Frees the iterators, unpins the buffers, frees the slots and releases the op. Idempotent.</summary>
    public void Dispose()
    {
        if (_slots is not null)
        {
            IReadOnlyList<RadosOperationStep> steps = _operation.Steps;
            for (int i = 0; i < steps.Count; i++)
            {
                nint iterator = *(nint*)Extra(i);
                if (iterator == 0)
                {
                    continue;
                }

                if (steps[i].Kind == RadosStepKind.GetXattrs)
                {
                    Interop.Rados.rados_getxattrs_end(iterator);
                }
                else if (steps[i].Kind is RadosStepKind.GetOmapValues or RadosStepKind.GetOmapKeys or RadosStepKind.GetOmapValuesByKeys)
                {
                    Interop.Rados.rados_omap_get_end(iterator);
                }
            }

            NativeMemory.Free(_slots);
            _slots = null;
        }

        foreach (MemoryHandle pin in _pins)
        {
            pin.Dispose();
        }

        _pins.Clear();
        if (Pointer != 0)
        {
            if (_write)
            {
                Interop.Rados.rados_release_write_op(Pointer);
            }
            else
            {
                Interop.Rados.rados_release_read_op(Pointer);
            }

            Pointer = 0;
        }
    }

    private int* Result(int index) => (int*)(_slots + (index * SlotSize));

    private byte* Extra(int index) => _slots + (index * SlotSize) + 8;

    private void Add(int index, RadosOperationStep step)
    {
        nint op = Pointer;
        ReadOnlySpan<byte> payload = step.Payload.Span;
        fixed (byte* data = payload)
        {
            switch (step.Kind)
            {
                case RadosStepKind.AssertExists:
                    if (_write)
                    {
                        Interop.Rados.rados_write_op_assert_exists(op);
                    }
                    else
                    {
                        Interop.Rados.rados_read_op_assert_exists(op);
                    }

                    break;
                case RadosStepKind.AssertVersion:
                    if (_write)
                    {
                        Interop.Rados.rados_write_op_assert_version(op, step.Version);
                    }
                    else
                    {
                        Interop.Rados.rados_read_op_assert_version(op, step.Version);
                    }

                    break;
                case RadosStepKind.CompareExtent:
                    if (_write)
                    {
                        Interop.Rados.rados_write_op_cmpext(op, data, (nuint)payload.Length, (ulong)step.Offset, Result(index));
                    }
                    else
                    {
                        Interop.Rados.rados_read_op_cmpext(op, data, (nuint)payload.Length, (ulong)step.Offset, Result(index));
                    }

                    break;
                case RadosStepKind.CompareXattr:
                    if (_write)
                    {
                        Interop.Rados.rados_write_op_cmpxattr(op, step.Name, (byte)step.Comparison, data, (nuint)payload.Length);
                    }
                    else
                    {
                        Interop.Rados.rados_read_op_cmpxattr(op, step.Name, (byte)step.Comparison, data, (nuint)payload.Length);
                    }

                    break;
                case RadosStepKind.CompareOmap:
                    byte[] key = Encoding.UTF8.GetBytes(step.Name);
                    fixed (byte* keyBytes = key)
                    {
                        if (_write)
                        {
                            Interop.Rados.rados_write_op_omap_cmp2(op, keyBytes, (byte)step.Comparison, data, (nuint)key.Length, (nuint)payload.Length, Result(index));
                        }
                        else
                        {
                            Interop.Rados.rados_read_op_omap_cmp2(op, keyBytes, (byte)step.Comparison, data, (nuint)key.Length, (nuint)payload.Length, Result(index));
                        }
                    }

                    break;
                case RadosStepKind.Create:
                    Interop.Rados.rados_write_op_create(op, step.Exclusive ? Interop.Rados.CreateExclusive : Interop.Rados.CreateIdempotent, category: null);
                    break;
                case RadosStepKind.Write:
                    Interop.Rados.rados_write_op_write(op, data, (nuint)payload.Length, (ulong)step.Offset);
                    break;
                case RadosStepKind.WriteFull:
                    Interop.Rados.rados_write_op_write_full(op, data, (nuint)payload.Length);
                    break;
                case RadosStepKind.WriteSame:
                    Interop.Rados.rados_write_op_writesame(op, data, (nuint)payload.Length, (nuint)step.Length, (ulong)step.Offset);
                    break;
                case RadosStepKind.Append:
                    Interop.Rados.rados_write_op_append(op, data, (nuint)payload.Length);
                    break;
                case RadosStepKind.Truncate:
                    Interop.Rados.rados_write_op_truncate(op, (ulong)step.Offset);
                    break;
                case RadosStepKind.Zero:
                    Interop.Rados.rados_write_op_zero(op, (ulong)step.Offset, (ulong)step.Length);
                    break;
                case RadosStepKind.Remove:
                    Interop.Rados.rados_write_op_remove(op);
                    break;
                case RadosStepKind.SetXattr:
                    Interop.Rados.rados_write_op_setxattr(op, step.Name, data, (nuint)payload.Length);
                    break;
                case RadosStepKind.RemoveXattr:
                    Interop.Rados.rados_write_op_rmxattr(op, step.Name);
                    break;
                case RadosStepKind.SetOmap:
                    WithCounted(step.OmapEntries.Select(e => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(e.Key))).ToList(), (keys, keyLengths, count) =>
                        WithCounted(step.OmapEntries.Select(e => e.Value).ToList(), (values, valueLengths, _) =>
                            Interop.Rados.rados_write_op_omap_set2(op, keys, values, keyLengths, valueLengths, count)));
                    break;
                case RadosStepKind.RemoveOmapKeys:
                    WithCounted(Utf8(step.Keys), (keys, keyLengths, count) => Interop.Rados.rados_write_op_omap_rm_keys2(op, keys, keyLengths, count));
                    break;
                case RadosStepKind.RemoveOmapRange:
                    byte[] begin = Encoding.UTF8.GetBytes(step.Name), end = Encoding.UTF8.GetBytes(step.KeyEnd);
                    fixed (byte* beginBytes = begin, endBytes = end)
                    {
                        Interop.Rados.rados_write_op_omap_rm_range2(op, beginBytes, (nuint)begin.Length, endBytes, (nuint)end.Length);
                    }

                    break;
                case RadosStepKind.ClearOmap:
                    Interop.Rados.rados_write_op_omap_clear(op);
                    break;
                case RadosStepKind.SetAllocationHint:
                    Interop.Rados.rados_write_op_set_alloc_hint2(op, step.ExpectedObjectSize, step.ExpectedWriteSize, (uint)step.HintFlags);
                    break;
                case RadosStepKind.Read:
                    var readStep = (RadosReadStep)step;
                    MemoryHandle pin = readStep.Buffer.Pin();
                    _pins.Add(pin);
                    // An empty buffer pins nothing; give librados a valid address (it writes nothing there: the
                    // answer either is empty or does not fit, which sets -ERANGE).
                    byte* buffer = readStep.Buffer.IsEmpty ? Extra(index) + 16 : (byte*)pin.Pointer;
                    Interop.Rados.rados_read_op_read(op, (ulong)step.Offset, (nuint)readStep.Buffer.Length, buffer, (nuint*)Extra(index), Result(index));
                    break;
                case RadosStepKind.Stat:
                    Interop.Rados.rados_read_op_stat(op, (ulong*)Extra(index), (long*)(Extra(index) + 8), Result(index));
                    break;
                case RadosStepKind.GetXattrs:
                    Interop.Rados.rados_read_op_getxattrs(op, (nint*)Extra(index), Result(index));
                    break;
                case RadosStepKind.GetOmapValues:
                    Interop.Rados.rados_read_op_omap_get_vals2(op, step.Name, step.FilterPrefix, (ulong)step.MaxReturn, (nint*)Extra(index), Extra(index) + 8, Result(index));
                    break;
                case RadosStepKind.GetOmapKeys:
                    Interop.Rados.rados_read_op_omap_get_keys2(op, step.Name, (ulong)step.MaxReturn, (nint*)Extra(index), Extra(index) + 8, Result(index));
                    break;
                case RadosStepKind.GetOmapValuesByKeys:
                    WithCounted(Utf8(step.Keys), (keys, keyLengths, count) =>
                        Interop.Rados.rados_read_op_omap_get_vals_by_keys2(op, keys, count, keyLengths, (nint*)Extra(index), Result(index)));
                    break;
                default:
                    throw new InvalidOperationException($"unknown step {step.Kind}");
            }
        }

        if (step.Flags != RadosStepOptions.None)
        {
            if (_write)
            {
                Interop.Rados.rados_write_op_set_flags(op, (int)step.Flags);
            }
            else
            {
                Interop.Rados.rados_read_op_set_flags(op, (int)step.Flags);
            }
        }
    }

    private static List<ReadOnlyMemory<byte>> Utf8(IEnumerable<string> items)
        => items.Select(item => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(item))).ToList();

    /// <summary>Lays <paramref name="items"/> out for the counted-array calls (<c>*_omap_*2</c>) and calls <paramref name="call"/> with them pinned.</summary>
    private static void WithCounted(List<ReadOnlyMemory<byte>> items, CountedCall call)
    {
        var offsets = new int[items.Count];
        var lengths = new nuint[Math.Max(items.Count, 1)];
        int total = 0;
        for (int i = 0; i < items.Count; i++)
        {
            offsets[i] = total;
            lengths[i] = (nuint)items[i].Length;
            total += items[i].Length;
        }

        // Never empty, so the pinned address is never null even when every item is.
        var bytes = new byte[Math.Max(total, 1)];
        for (int i = 0; i < items.Count; i++)
        {
            items[i].Span.CopyTo(bytes.AsSpan(offsets[i]));
        }

        var pointers = new nint[Math.Max(items.Count, 1)];
        fixed (byte* pinned = bytes)
        fixed (nuint* lengthList = lengths)
        fixed (nint* pointerList = pointers)
        {
            for (int i = 0; i < items.Count; i++)
            {
                pointers[i] = (nint)(pinned + offsets[i]);
            }

            call((byte**)pointerList, lengthList, (nuint)items.Count);
        }
    }
}
