using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>The steps of the RBD model property.</summary>
internal enum ImageOpKind
{
    Write,
    Read,
    Discard,
    Resize,
    WriteZeroes,
    CreateSnapshot,
    Rollback,
    Clone,
    Flatten,
    ReadSnapshot,
}

/// <summary>
/// One step: <see cref="Image"/> picks an image of the run (modulo how many exist), <see cref="Offset"/> and
/// <see cref="Length"/> the range (or the new size), <see cref="Fill"/> the written pattern (for rollback and
/// clone: the snapshot, modulo how many the image has; for clone also the format: odd → 1, even → 2).
/// </summary>
internal sealed record ImageOp(ImageOpKind Kind, int Image, long Offset, long Length, byte Fill)
{
    public override string ToString() => Kind switch
    {
        ImageOpKind.Resize => string.Create(CultureInfo.InvariantCulture, $"Resize(image {Image}, {Length})"),
        ImageOpKind.Write => string.Create(CultureInfo.InvariantCulture, $"Write(image {Image}, at {Offset}, {Length} bytes of pattern {Fill})"),
        ImageOpKind.CreateSnapshot or ImageOpKind.Flatten => string.Create(CultureInfo.InvariantCulture, $"{Kind}(image {Image})"),
        ImageOpKind.Rollback or ImageOpKind.ReadSnapshot => string.Create(CultureInfo.InvariantCulture, $"{Kind}(image {Image}, snapshot {Fill})"),
        ImageOpKind.Clone => string.Create(CultureInfo.InvariantCulture, $"Clone(image {Image}, snapshot {Fill}, format {CloneFormat})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Kind}(image {Image}, at {Offset}, {Length} bytes)"),
    };

    /// <summary>The clone format a clone step asks for: 1 (the snapshot is protected first) or 2.</summary>
    public int CloneFormat => Fill % 2 == 1 ? 1 : 2;

    /// <summary>The bytes a write step writes: a pattern that differs per position, so misplaced data shows.</summary>
    public byte[] Pattern()
    {
        var data = new byte[Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(Fill + (i * 7) + 1);
        }

        return data;
    }
}

/// <summary>
/// The fsx-style model property of RBD: random sequences of image steps — write, read, discard, write-zeroes, resize,
/// snapshot, rollback, read at a snapshot, clone (format 1 and 2) and flatten — run against the target and against flat byte-array
/// <see cref="ImageModel"/>s; every return value, errno and byte read must match, and at the end every image must
/// read back whole as the model has it. Small images (order 12, at most six 4 KiB objects), at most three images
/// and 30 steps keep a run fast on a real cluster. FsCheck shrinks a failure to a minimal sequence; the failure
/// names the seed, and <c>STORAGEKIT_SEED</c> replays it.
/// </summary>
[ConformanceArea("rbd.model")]
public static class ImageModelProperty
{
    private const int Order = 12;
    private const long ObjectSize = 1L << Order;
    private const long InitialSize = 14000;
    private const int MaxSteps = 30;
    private const int MaxImages = 3;

    /// <summary>Random image sequences, clones included, agree with the flat model, byte for byte.</summary>
    [ConformanceCase]
    public static void ImageSequencesMatchModel(RadosCaseContext c)
    {
        using var scope = new RbdImageScope(c);
        SequenceProperty.CheckRuns(c, "rbd model property", Step(), MaxSteps, (run, steps) => RunSequence(scope, run, steps));
    }

    /// <summary>Runs the steps on fresh images; null when everything agreed, else the first disagreement.</summary>
    private static string? RunSequence(RbdImageScope scope, int run, IReadOnlyList<ImageOp> steps)
    {
        var state = new ModelRun(scope, $"m{run.ToString(CultureInfo.InvariantCulture)}");
        string? disagreement = "the run did not finish";
        try
        {
            state.Start();
            disagreement = RunSteps(state, steps) ?? state.CheckWhole();
            return disagreement;
        }
        finally
        {
            // After a disagreement the images may be in any state: clean up what can be, keep the disagreement.
            state.Cleanup(throwOnError: disagreement is null);
        }
    }

    private static string? RunSteps(ModelRun state, IReadOnlyList<ImageOp> steps)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            ImageOp step = steps[i];
            ImageUnderTest image = state.Images[step.Image % state.Images.Count];
            bool applies = Applies(state, image.Model, step);
            ImageOutcome expected = applies ? Apply(image.Model, step) : ImageOutcome.Skipped;
            ImageOutcome actual = applies ? Run(state, image, step) : ImageOutcome.Skipped;
            if (applies)
            {
                state.Commit(step, image);
            }

            if (ImageOutcome.Compare(expected, actual) is string difference)
            {
                return $"step {i} {step}: {difference}";
            }
        }

        return null;
    }

    /// <summary>Whether the step can run here; steps that cannot (no snapshot to roll back to, ...) are skipped on both sides.</summary>
    private static bool Applies(ModelRun state, ImageModel model, ImageOp step) => step.Kind switch
    {
        ImageOpKind.Rollback or ImageOpKind.ReadSnapshot => model.Snapshots.Count > 0,
        ImageOpKind.Clone => model.Snapshots.Count > 0 && state.Images.Count < MaxImages,
        ImageOpKind.Flatten => model.HasParent,
        _ => true,
    };

    /// <summary>What the model says the step returns; changes the model as the step changes the image.</summary>
    private static ImageOutcome Apply(ImageModel model, ImageOp step) => step.Kind switch
    {
        ImageOpKind.Write => model.Write(step.Offset, step.Pattern()),
        ImageOpKind.Read => model.Read(step.Offset, step.Length),
        ImageOpKind.Discard => model.Discard(step.Offset, step.Length, ObjectSize),
        ImageOpKind.WriteZeroes => model.WriteZeroes(step.Offset, step.Length),
        ImageOpKind.Resize => model.Resize(step.Length),
        ImageOpKind.CreateSnapshot => model.CreateSnapshot(SnapshotName(model.Snapshots.Count)),
        ImageOpKind.Rollback => model.Rollback(step.Fill % model.Snapshots.Count),
        // A snapshot of size 0 cannot be a parent (measured: rbd_clone3 is EINVAL, for both clone formats).
        ImageOpKind.Clone => model.Snapshots[step.Fill % model.Snapshots.Count].Data.Length is int size and > 0 ? ImageOutcome.Ok(size) : ImageOutcome.Error(Errno.EINVAL),
        ImageOpKind.Flatten => ImageOutcome.Ok(model.Size),
        ImageOpKind.ReadSnapshot => ImageOutcome.Whole(model.Snapshots[step.Fill % model.Snapshots.Count].Data),
        _ => throw new InvalidOperationException(step.Kind.ToString()),
    };

    private static ImageOutcome Run(ModelRun state, ImageUnderTest image, ImageOp step)
    {
        IRbdImage handle = image.Handle;
        try
        {
            switch (step.Kind)
            {
                case ImageOpKind.Write:
                    return ImageOutcome.Ok(handle.Write(step.Pattern(), step.Offset));
                case ImageOpKind.Read:
                    byte[] buffer = new byte[step.Length];
                    int read = handle.Read(buffer, step.Offset);
                    return ImageOutcome.Ok(read) with { Data = buffer[..read] };
                case ImageOpKind.Discard:
                    return ImageOutcome.Ok(handle.Discard(step.Offset, step.Length));
                case ImageOpKind.WriteZeroes:
                    return ImageOutcome.Ok(handle.WriteZeroes(step.Offset, step.Length));
                case ImageOpKind.Resize:
                    handle.Resize(step.Length);
                    return ImageOutcome.Ok(handle.Size);
                case ImageOpKind.CreateSnapshot:
                    handle.CreateSnapshot(SnapshotName(image.Model.Snapshots.Count - 1));
                    return ImageOutcome.Ok(handle.ListSnapshots().Count);
                case ImageOpKind.Rollback:
                    handle.RollbackSnapshot(image.Model.Snapshots[step.Fill % image.Model.Snapshots.Count].Name);
                    return ImageOutcome.Ok(handle.Size);
                case ImageOpKind.Clone:
                    return ImageOutcome.Ok(state.Clone(image, image.Model.Snapshots[step.Fill % image.Model.Snapshots.Count].Name, step.CloneFormat));
                case ImageOpKind.Flatten:
                    handle.Flatten();
                    return ImageOutcome.Ok(handle.Size);
                case ImageOpKind.ReadSnapshot:
                    return ReadAt(handle, image.Model.Snapshots[step.Fill % image.Model.Snapshots.Count].Name);
                default:
                    throw new InvalidOperationException(step.Kind.ToString());
            }
        }
        catch (StorageException e)
        {
            return ImageOutcome.Error(e.Errno);
        }
    }

    /// <summary>Reads the whole image at <paramref name="snapshot"/> (<c>rbd_snap_set</c>), then goes back to the head.</summary>
    private static ImageOutcome ReadAt(IRbdImage handle, string snapshot)
    {
        handle.SetSnapshot(snapshot);
        try
        {
            return ReadWhole(handle);
        }
        finally
        {
            handle.SetSnapshot((string?)null);
        }
    }

    /// <summary>The size and every byte of what the handle reads.</summary>
    private static ImageOutcome ReadWhole(IRbdImage handle)
    {
        long size = handle.Size;
        byte[] data = new byte[size];
        // Never an empty buffer: librbd aborts on the null pointer it would pin to.
        int read = size == 0 ? 0 : handle.Read(data, 0);
        return ImageOutcome.Whole(data[..read]);
    }

    private static string SnapshotName(int index) => $"s{index.ToString(CultureInfo.InvariantCulture)}";

    private static Gen<ImageOp> Step()
    {
        // Object-aligned values half the time, so whole-object and object-end cases come up often.
        Gen<long> Aligned(int objects, int bytes) => Gen.OneOf(
            Gen.Choose(0, objects).Select(n => n * ObjectSize),
            Gen.Choose(0, bytes).Select(n => (long)n));
        // Enough snapshot steps that rollbacks and clones have something to work on.
        Gen<ImageOpKind> kind = Gen.Frequency(
            (3, Gen.Constant(ImageOpKind.Write)),
            (2, Gen.Constant(ImageOpKind.Read)),
            (3, Gen.Constant(ImageOpKind.Discard)),
            (2, Gen.Constant(ImageOpKind.WriteZeroes)),
            (1, Gen.Constant(ImageOpKind.Resize)),
            (2, Gen.Constant(ImageOpKind.CreateSnapshot)),
            (2, Gen.Constant(ImageOpKind.Rollback)),
            (2, Gen.Constant(ImageOpKind.Clone)),
            (1, Gen.Constant(ImageOpKind.Flatten)),
            (1, Gen.Constant(ImageOpKind.ReadSnapshot)));
        return from k in kind
               from image in Gen.Choose(0, MaxImages)
               from offset in Aligned(6, 6 * (int)ObjectSize)
               from length in k == ImageOpKind.Resize ? Aligned(6, 6 * (int)ObjectSize) : Aligned(3, 9000)
               from fill in Gen.Choose(0, 255)
               select new ImageOp(k, image, offset, length, (byte)fill);
    }

    /// <summary>An image of a run: its name, open handle, model and the snapshots protected for format 1 clones.</summary>
    private sealed record ImageUnderTest(string Name, IRbdImage Handle, ImageModel Model)
    {
        public HashSet<string> Protected { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The images of one run; the first is created with the run, clones join it.</summary>
    private sealed class ModelRun(RbdImageScope scope, string hint)
    {
        public List<ImageUnderTest> Images { get; } = [];

        /// <summary>The clone the last clone step made, for <see cref="Commit"/>.</summary>
        private ImageUnderTest? _cloned;

        public void Start()
        {
            string name = scope.NewName(hint);
            scope.Rbd.Create(name, InitialSize, Order);
            Images.Add(new ImageUnderTest(name, scope.Rbd.Open(name), new ImageModel(new byte[InitialSize])));
        }

        /// <summary>Clones <paramref name="parent"/> at <paramref name="snapshot"/>; returns the clone's size.</summary>
        public long Clone(ImageUnderTest parent, string snapshot, int format)
        {
            if (format == 1 && parent.Protected.Add(snapshot))
            {
                parent.Handle.ProtectSnapshot(snapshot);
            }

            string name = scope.NewName(hint);
            try
            {
                scope.Rbd.Clone(parent.Name, snapshot, name, new RbdImageOptions { CloneFormat = format });
            }
            catch (StorageException e) when (scope.Rbd.List().Contains(name))
            {
                // A failed clone must leave nothing behind; say so when it does.
                throw new ConformanceFailedException($"rbd_clone3 failed with {e.Errno} but left the child image behind");
            }

            IRbdImage handle = scope.Rbd.Open(name);
            _cloned = new ImageUnderTest(name, handle, parent.Model.Clone(parent.Model.Snapshots.FindIndex(s => s.Name == snapshot)));
            return handle.Size;
        }

        /// <summary>After a step: a clone the target made joins the run (also when the model disagrees, so it is cleaned up), a flattened image has no parent any more.</summary>
        public void Commit(ImageOp step, ImageUnderTest image)
        {
            if (_cloned is not null)
            {
                Images.Add(_cloned);
                _cloned = null;
            }

            if (step.Kind == ImageOpKind.Flatten)
            {
                image.Model.HasParent = false;
            }
        }

        /// <summary>Every image has the model's size and reads back whole as the model has it.</summary>
        public string? CheckWhole()
        {
            for (int i = 0; i < Images.Count; i++)
            {
                var (_, handle, model) = Images[i];
                ImageOutcome expected = ImageOutcome.Whole(model.Data);
                ImageOutcome actual = ReadWhole(handle);
                if (ImageOutcome.Compare(expected, actual) is string difference)
                {
                    return $"at the end, image {i}: {difference}";
                }
            }

            return null;
        }

        /// <summary>Closes and removes the run's images, clones first, each after its snapshots.</summary>
        public void Cleanup(bool throwOnError)
        {
            for (int i = Images.Count - 1; i >= 0; i--)
            {
                try
                {
                    Remove(Images[i]);
                }
                catch (StorageException) when (!throwOnError)
                {
                    // The run already failed; the scope tries the name once more at the end of the case.
                }
            }
        }

        private void Remove(ImageUnderTest image)
        {
            try
            {
                foreach (RbdSnapshotInfo snapshot in image.Handle.ListSnapshots())
                {
                    if (image.Protected.Contains(snapshot.Name))
                    {
                        image.Handle.UnprotectSnapshot(snapshot.Name);
                    }

                    image.Handle.RemoveSnapshot(snapshot.Id);
                }
            }
            finally
            {
                image.Handle.Dispose();
            }

            scope.Rbd.Remove(image.Name);
        }
    }
}
