using FsCheck;
using FsCheck.Fluent;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Model-based property of compound write operations: random sequences of random operations (asserts, compares,
/// creates, writes, xattr and omap steps — many of them failing: version mismatches, false compares, exclusive
/// creates of existing objects, removals of missing ones) run against the target and against
/// <see cref="CompoundModel"/>. After every operation the errno must match the model's, and the object (existence,
/// data, xattrs, omap) must be exactly as before when it failed and exactly the model's result when it succeeded.
/// The failure names the seed; <c>STORAGEKIT_SEED</c> replays it.
/// </summary>
[ConformanceArea("rados.model")]
public static class CompoundModelCases
{
    private static readonly string[] ObjectNames = ["c0", "c1"];
    private static readonly string[] Names = ["a", "b"];

    /// <summary>Compound write operations are atomic and agree with the model, operation by operation.</summary>
    [ConformanceCase]
    public static void CompoundWritesAreAtomic(RadosCaseContext c)
        => SequenceProperty.Check(c, "compound model property", Operation(), 10, RunScript, Shrink);

    /// <summary>Runs the operations; returns null when all agreed, or a description of the first disagreement.</summary>
    internal static string? RunScript(IRadosIoContext io, IReadOnlyList<CompoundOperation> script)
    {
        ObjectModel model = ObjectModel.Empty;
        for (int i = 0; i < script.Count; i++)
        {
            CompoundOperation operation = script[i];
            ModelObject? before = model.Find(operation.Object);
            ulong version = VersionOf(io, operation.Object);
            (Errno expected, ModelObject? after) = CompoundModel.Apply(before, operation.Steps, version);

            var op = new RadosWriteOperation();
            foreach (CompoundStep step in operation.Steps)
            {
                step.AddTo(op, before, version);
            }

            Errno actual = Errno.None;
            try
            {
                io.Operate(operation.Object, op);
            }
            catch (StorageException ex)
            {
                actual = ex.Errno;
            }

            if (expected != actual)
            {
                return $"operation {i} {operation}: model says {Framework.Check.Errno(expected)}, target says {Framework.Check.Errno(actual)}";
            }

            ObjectSnapshot want = Snapshot(after);
            ObjectSnapshot got = ObjectSnapshot.Of(io, operation.Object);
            if (want != got)
            {
                return $"operation {i} {operation} ({(actual == Errno.None ? "succeeded" : "failed with " + Framework.Check.Errno(actual))}): model leaves {want}, target has {got}";
            }

            model = after is null ? model.Drop(operation.Object) : model.Put(operation.Object, after);
        }

        return null;
    }

    private static ulong VersionOf(IRadosIoContext io, string objectName)
    {
        try
        {
            io.Stat(objectName);
            return io.LastVersion;
        }
        catch (StorageNotFoundException)
        {
            return 0;
        }
    }

    private static ObjectSnapshot Snapshot(ModelObject? state) => state is null
        ? new ObjectSnapshot(false, "", "", "")
        : new ObjectSnapshot(
            true,
            Convert.ToHexString(state.Data.AsSpan()),
            string.Join(";", state.Xattrs.Select(e => $"{e.Key}={Convert.ToHexString(e.Value.AsSpan())}")),
            string.Join(";", state.Omap.Select(e => $"{e.Key}={Convert.ToHexString(e.Value.AsSpan())}")));

    private static Gen<CompoundOperation> Operation()
        => from obj in Gen.Elements(ObjectNames)
           from count in Gen.Choose(0, 6)
           from steps in Gen.ArrayOf(Step(), count)
           select new CompoundOperation(obj, Normalize(steps));

    private static Gen<CompoundStep> Step()
        => from kind in Gen.Elements(Enum.GetValues<CompoundStepKind>())
           from name in Gen.Elements(Names)
           from offset in Gen.Choose(0, 12)
           from length in Gen.Choose(0, 6)
           from dataLength in Gen.Choose(0, 5)
           from fill in Gen.Choose(1, 255)
           from failOk in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
           select new CompoundStep(
               kind,
               name,
               // The kit refuses writes of nothing past offset 0 (they can corrupt the object's checksum on Ceph 16).
               kind == CompoundStepKind.Write && dataLength == 0 ? 0 : offset,
               kind == CompoundStepKind.Zero ? Math.Max(length, 1) : length,
               Enumerable.Repeat((byte)fill, kind == CompoundStepKind.WriteSame ? Math.Min(dataLength, 3) : dataLength).ToArray(),
               failOk);

    /// <summary>
    /// Drops the steps the kit refuses (they damage objects on Ceph 16): compare-extent after a data-changing step,
    /// and a remove after a remove followed by a step that re-creates the object.
    /// </summary>
    private static CompoundStep[] Normalize(IEnumerable<CompoundStep> steps)
    {
        var kept = new List<CompoundStep>();
        foreach (CompoundStep step in steps)
        {
            if (step.Kind is CompoundStepKind.CompareExtentCurrent or CompoundStepKind.CompareExtentOther && kept.Any(s => s.ChangesData))
            {
                continue;
            }

            int firstRemove = kept.FindIndex(s => s.Kind == CompoundStepKind.Remove);
            if (step.Kind == CompoundStepKind.Remove && firstRemove >= 0 && kept.Skip(firstRemove).Any(s => s.CanCreate))
            {
                continue;
            }

            kept.Add(step);
        }

        return [.. kept];
    }

    // Shrink by dropping one operation, then one step of one operation; FsCheck keeps the smallest failing script.
    private static IEnumerable<CompoundOperation[]> Shrink(CompoundOperation[] script)
    {
        foreach (CompoundOperation[] shorter in SequenceProperty.DropOneStep(script))
        {
            yield return shorter;
        }

        // Then smaller operations: one step fewer in one of them.
        for (int i = 0; i < script.Length; i++)
        {
            CompoundStep[] steps = script[i].Steps;
            for (int j = 0; j < steps.Length; j++)
            {
                CompoundOperation smaller = script[i] with { Steps = Normalize([.. steps[..j], .. steps[(j + 1)..]]) };
                yield return [.. script[..i], smaller, .. script[(i + 1)..]];
            }
        }
    }
}

/// <summary>One compound write operation of a random script: its object and steps.</summary>
internal sealed record CompoundOperation(string Object, CompoundStep[] Steps)
{
    public override string ToString() => $"{Object}: [{string.Join(", ", Steps.Select(s => s.ToString()))}]";
}
