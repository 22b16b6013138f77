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
}

/// <summary>
/// One step: <see cref="Image"/> picks an image of the run (modulo how many exist), <see cref="Offset"/> and
/// <see cref="Length"/> the range (or the new size), <see cref="Fill"/> the written pattern.
/// </summary>
internal sealed record ImageOp(ImageOpKind Kind, int Image, long Offset, long Length, byte Fill)
{
    public override string ToString() => Kind switch
    {
        ImageOpKind.Resize => string.Create(CultureInfo.InvariantCulture, $"Resize(image {Image}, {Length})"),
        ImageOpKind.Write => string.Create(CultureInfo.InvariantCulture, $"Write(image {Image}, at {Offset}, {Length} bytes of pattern {Fill})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Kind}(image {Image}, at {Offset}, {Length} bytes)"),
    };

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
/// The fsx-style model property of RBD: random sequences of image steps run against the target and against a flat
/// byte-array <see cref="ImageModel"/>; every return value, errno and byte read must match, and at the end every
/// image must read back whole as the model has it. Small images (order 12, at most six 4 KiB objects) and at most
/// 30 steps keep a run fast on a real cluster. FsCheck shrinks a failure to a minimal sequence; the failure names
/// the seed, and <c>STORAGEKIT_SEED</c> replays it.
/// </summary>
[ConformanceArea("rbd.model")]
public static class ImageModelProperty
{
    private const int Order = 12;
    private const long ObjectSize = 1L << Order;
    private const long InitialSize = 14000;
    private const int MaxSteps = 30;

    /// <summary>The steps generated.</summary>
    private static readonly ImageOpKind[] Kinds = Enum.GetValues<ImageOpKind>();

    /// <summary>Random write/read/discard/resize sequences agree with the flat model, byte for byte.</summary>
    [ConformanceCase]
    public static void ImageSequencesMatchModel(RadosCaseContext c)
    {
        using var scope = new RbdImageScope(c);
        // A third of the target's runs: every run creates and removes images, slow on a real cluster.
        SequenceProperty.Check(c, "rbd model property", Step(), MaxSteps, (run, steps) => RunSequence(scope, run, steps), maxRuns: c.Target.PropertyRuns / 3);
    }

    /// <summary>Runs the steps on fresh images; null when everything agreed, else the first disagreement.</summary>
    private static string? RunSequence(RbdImageScope scope, int run, IReadOnlyList<ImageOp> steps)
    {
        var state = new ModelRun(scope, $"m{run.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            state.Start();
            for (int i = 0; i < steps.Count; i++)
            {
                ImageOp step = steps[i];
                int image = step.Image % state.Images.Count;
                ImageOutcome expected = Apply(state.Images[image].Model, step);
                ImageOutcome actual = Run(state.Images[image].Handle, step);
                if (ImageOutcome.Compare(expected, actual) is string difference)
                {
                    return $"step {i} {step}: {difference}";
                }
            }

            return state.CheckWhole();
        }
        finally
        {
            state.Cleanup();
        }
    }

    private static ImageOutcome Apply(ImageModel model, ImageOp step) => step.Kind switch
    {
        ImageOpKind.Write => model.Write(step.Offset, step.Pattern()),
        ImageOpKind.Read => model.Read(step.Offset, step.Length),
        ImageOpKind.Discard => model.Discard(step.Offset, step.Length, ObjectSize),
        ImageOpKind.Resize => model.Resize(step.Length),
        _ => throw new InvalidOperationException(step.Kind.ToString()),
    };

    private static ImageOutcome Run(IRbdImage image, ImageOp step)
    {
        try
        {
            switch (step.Kind)
            {
                case ImageOpKind.Write:
                    return ImageOutcome.Ok(image.Write(step.Pattern(), step.Offset));
                case ImageOpKind.Read:
                    byte[] buffer = new byte[step.Length];
                    int read = image.Read(buffer, step.Offset);
                    return ImageOutcome.Ok(read) with { Data = buffer[..read] };
                case ImageOpKind.Discard:
                    return ImageOutcome.Ok(image.Discard(step.Offset, step.Length));
                case ImageOpKind.Resize:
                    image.Resize(step.Length);
                    return ImageOutcome.Ok(image.Size);
                default:
                    throw new InvalidOperationException(step.Kind.ToString());
            }
        }
        catch (StorageException e)
        {
            return ImageOutcome.Error(e.Errno);
        }
    }

    private static Gen<ImageOp> Step()
    {
        // Object-aligned values half the time, so whole-object and object-end cases come up often.
        Gen<long> Aligned(int objects, int bytes) => Gen.OneOf(
            Gen.Choose(0, objects).Select(n => n * ObjectSize),
            Gen.Choose(0, bytes).Select(n => (long)n));
        return from kind in Gen.Elements(Kinds)
               from image in Gen.Choose(0, 3)
               from offset in Aligned(6, 6 * (int)ObjectSize)
               from length in kind == ImageOpKind.Resize ? Aligned(6, 6 * (int)ObjectSize) : Aligned(3, 9000)
               from fill in Gen.Choose(0, 255)
               select new ImageOp(kind, image, offset, length, (byte)fill);
    }

    /// <summary>The images of one run, their open handles and models; the first is created with the run.</summary>
    private sealed class ModelRun(RbdImageScope scope, string hint)
    {
        public List<(string Name, IRbdImage Handle, ImageModel Model)> Images { get; } = [];

        public void Start()
        {
            string name = scope.NewName(hint);
            scope.Rbd.Create(name, InitialSize, Order);
            Images.Add((name, scope.Rbd.Open(name), new ImageModel(new byte[InitialSize])));
        }

        /// <summary>Every image has the model's size and reads back whole as the model has it.</summary>
        public string? CheckWhole()
        {
            for (int i = 0; i < Images.Count; i++)
            {
                var (_, handle, model) = Images[i];
                ImageOutcome expected = new($"size {model.Size}", model.Data);
                byte[] data = new byte[handle.Size];
                int read = data.Length == 0 ? 0 : handle.Read(data, 0);
                ImageOutcome actual = new($"size {handle.Size}", data[..read]);
                if (ImageOutcome.Compare(expected, actual) is string difference)
                {
                    return $"at the end, image {i}: {difference}";
                }
            }

            return null;
        }

        /// <summary>Closes and removes the run's images, newest first.</summary>
        public void Cleanup()
        {
            for (int i = Images.Count - 1; i >= 0; i--)
            {
                Images[i].Handle.Dispose();
                scope.Rbd.Remove(Images[i].Name);
            }
        }
    }
}
