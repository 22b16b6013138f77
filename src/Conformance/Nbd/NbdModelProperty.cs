using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using StorageKit.Conformance.Framework;
using StorageKit.Nbd;

namespace StorageKit.Conformance.Nbd;

/// <summary>The steps of the NBD model property.</summary>
internal enum NbdOpKind
{
    Write,
    WriteZeros,
    Read,
    Trim,
    Zero,
    ZeroNoHole,
    Flush,
    BlockStatus,
}

/// <summary>One step: a range (clamped to the export) and, for writes, the pattern.</summary>
internal sealed record NbdOp(NbdOpKind Kind, long Offset, long Length, byte Fill)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}(at {Offset}, {Length} bytes, fill {Fill})");

    /// <summary>The bytes a write step writes: non-zero, different per position.</summary>
    public byte[] Pattern()
    {
        var data = new byte[Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((Fill + (i * 7)) % 255 + 1);
        }

        return data;
    }
}

/// <summary>
/// The model property of NBD: random sequences of pread, pwrite (of data and of zeros), trim, zero (with and without
/// NO_HOLE), flush and block status against a fresh export per sequence, checked against a flat byte array. Every
/// read must equal the model; block status must tile the range, and every extent reported zero (hole or not) must
/// be zeros in the model, and a range holding non-zero bytes must never be reported zero.
/// </summary>
[ConformanceArea("nbd.model")]
public static class NbdModelProperty
{
    private const int Size = 8 * 32768;
    private const int MaxSteps = 24;

    /// <summary>random command sequences agree with a byte model, and block status agrees with the bytes.</summary>
    [ConformanceCase]
    public static void RandomSequencesMatchTheModel(NbdCaseContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        SequenceProperty.CheckRuns(c.Target, "nbd model property", Step(), MaxSteps, (_, steps) => Run(c.Target, steps));
    }

    private static string? Run(ConformanceTarget target, IReadOnlyList<NbdOp> steps)
    {
        using NbdServedExport export = target.StartNbdExport(NbdExportSpec.Default with { Size = Size });
        using INbdClient client = target.CreateNbdClient();
        client.AddMetaContext(NbdMetaContexts.BaseAllocation);
        client.ConnectUnix(export.SocketPath);
        byte[] model = new byte[Size];
        for (int i = 0; i < steps.Count; i++)
        {
            NbdOp op = steps[i];
            string? disagreement = Apply(client, model, op);
            if (disagreement is not null)
            {
                return $"step {i} {op}: {disagreement} (steps: {string.Join(", ", steps)})";
            }
        }

        return Read(client, model, 0, Size);
    }

    private static string? Apply(INbdClient client, byte[] model, NbdOp op)
    {
        int offset = (int)op.Offset;
        int length = (int)op.Length;
        switch (op.Kind)
        {
            case NbdOpKind.Write:
                byte[] data = op.Pattern();
                client.Write(data, offset);
                data.CopyTo(model, offset);
                return null;
            case NbdOpKind.WriteZeros:
                client.Write(new byte[length], offset);
                Array.Clear(model, offset, length);
                return null;
            case NbdOpKind.Read:
                return Read(client, model, offset, length);
            case NbdOpKind.Trim:
                client.Trim(length, offset);
                Array.Clear(model, offset, length);
                return null;
            case NbdOpKind.Zero:
                client.Zero(length, offset);
                Array.Clear(model, offset, length);
                return null;
            case NbdOpKind.ZeroNoHole:
                client.Zero(length, offset, NbdCommandFlags.NoHole);
                Array.Clear(model, offset, length);
                return null;
            case NbdOpKind.Flush:
                client.Flush();
                return null;
            default:
                return Status(client, model, offset, length);
        }
    }

    private static string? Read(INbdClient client, byte[] model, int offset, int length)
    {
        byte[] buffer = new byte[length];
        client.Read(buffer, offset);
        int mismatch = buffer.AsSpan().CommonPrefixLength(model.AsSpan(offset, length));
        return mismatch == length ? null : string.Create(CultureInfo.InvariantCulture, $"read {length} at {offset}: byte {offset + mismatch} is {buffer[mismatch]}, the model has {model[offset + mismatch]}");
    }

    private static string? Status(INbdClient client, byte[] model, int offset, int length)
    {
        IReadOnlyList<NbdExtent> extents = client.BlockStatus(length, offset).Allocation;
        long next = offset;
        foreach (NbdExtent extent in extents)
        {
            if (extent.Offset != next || extent.Length <= 0 || extent.Offset + extent.Length > Size)
            {
                return string.Create(CultureInfo.InvariantCulture, $"block status {length} at {offset}: extent {extent} does not continue at {next} inside the export");
            }

            bool zeros = model.AsSpan((int)extent.Offset, (int)extent.Length).IndexOfAnyExcept((byte)0) < 0;
            if ((extent.Allocation & NbdExtentFlags.Zero) != 0 && !zeros)
            {
                return string.Create(CultureInfo.InvariantCulture, $"block status {length} at {offset}: extent {extent} is reported zero but the model holds data there");
            }

            if ((extent.Allocation & NbdExtentFlags.Hole) != 0 && (extent.Allocation & NbdExtentFlags.Zero) == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"block status {length} at {offset}: extent {extent} is a hole that may not read zeros (memory exports always read zeros)");
            }

            next += extent.Length;
        }

        return next >= offset + length ? null : string.Create(CultureInfo.InvariantCulture, $"block status {length} at {offset}: extents end at {next}");
    }

    private static Gen<NbdOp> Step()
    {
        // Page-aligned values half the time, so whole-page frees and page boundaries come up often.
        Gen<int> Aligned(int pages, int bytes) => Gen.OneOf(
            Gen.Choose(0, pages).Select(n => n * 32768),
            Gen.Choose(0, bytes));
        Gen<NbdOpKind> kind = Gen.Frequency(
            (4, Gen.Constant(NbdOpKind.Write)),
            (1, Gen.Constant(NbdOpKind.WriteZeros)),
            (2, Gen.Constant(NbdOpKind.Read)),
            (2, Gen.Constant(NbdOpKind.Trim)),
            (2, Gen.Constant(NbdOpKind.Zero)),
            (1, Gen.Constant(NbdOpKind.ZeroNoHole)),
            (1, Gen.Constant(NbdOpKind.Flush)),
            (3, Gen.Constant(NbdOpKind.BlockStatus)));
        return from k in kind
               from offset in Aligned(7, Size - 1)
               from length in Aligned(3, 70000)
               from fill in Gen.Choose(0, 254)
               let at = Math.Min(offset, Size - 1)
               let count = Math.Clamp(length, 1, Size - at)
               select new NbdOp(k, at, count, (byte)fill);
    }
}
