using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using StorageKit.Rados;

namespace StorageKit.Conformance.Framework;

/// <summary>
/// The one FsCheck runner of the model-based properties: random sequences of steps, each run in a fresh namespace
/// (a fresh system under test, also for every shrink attempt), shrunk to a minimal failing sequence. The failure
/// names the seed; <c>STORAGEKIT_SEED</c> replays it and <c>STORAGEKIT_PROPERTY_RUNS</c> raises the run count.
/// </summary>
public static class SequenceProperty
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Checks that <paramref name="runSequence"/> returns null (agreement) for random sequences of 1 to
    /// <paramref name="maxLength"/> steps drawn from <paramref name="step"/>.
    /// </summary>
    public static void Check<TStep>(
        RadosCaseContext context,
        string label,
        Gen<TStep> step,
        int maxLength,
        Func<IRadosIoContext, IReadOnlyList<TStep>, string?> runSequence,
        Func<TStep[], IEnumerable<TStep[]>>? shrink = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runSequence);
        CheckRuns(context, label, step, maxLength, (run, steps) =>
        {
            using IRadosIoContext io = context.OpenIoContext($"{context.Namespace}-r{run}");
            return runSequence(io, steps);
        }, shrink);
    }

    /// <summary>
    /// Checks that <paramref name="runSequence"/> returns null (agreement) for random sequences of 1 to
    /// <paramref name="maxLength"/> steps, for systems under test that cannot live in a namespace of their own
    /// (RBD images): the runner gets the run's number (unique within the case) and sets up and cleans up itself.
    /// </summary>
    public static void CheckRuns<TStep>(
        RadosCaseContext context,
        string label,
        Gen<TStep> step,
        int maxLength,
        Func<int, IReadOnlyList<TStep>, string?> runSequence,
        Func<TStep[], IEnumerable<TStep[]>>? shrink = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckRuns(context.Target, label, step, maxLength, runSequence, shrink);
    }

    /// <summary>
    /// Checks that <paramref name="runSequence"/> returns null (agreement) for random sequences of 1 to
    /// <paramref name="maxLength"/> steps on a GlusterFS volume: the runner gets the run's number (unique within
    /// the case) and works in a directory of its own.
    /// </summary>
    public static void CheckRuns<TStep>(
        GlusterCaseContext context,
        string label,
        Gen<TStep> step,
        int maxLength,
        Func<int, IReadOnlyList<TStep>, string?> runSequence,
        Func<TStep[], IEnumerable<TStep[]>>? shrink = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckRuns(context.Target, label, step, maxLength, runSequence, shrink);
    }

    /// <summary>
    /// Checks that <paramref name="runSequence"/> returns null (agreement) for random sequences of 1 to
    /// <paramref name="maxLength"/> steps on <paramref name="target"/> (its <see cref="ConformanceTarget.PropertyRuns"/>
    /// runs); the runner gets the run's number and sets up and cleans up itself (NBD exports).
    /// </summary>
    public static void CheckRuns<TStep>(
        ConformanceTarget target,
        string label,
        Gen<TStep> step,
        int maxLength,
        Func<int, IReadOnlyList<TStep>, string?> runSequence,
        Func<TStep[], IEnumerable<TStep[]>>? shrink = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(runSequence);
        ulong seed = Seed();
        int run = 0;
        Arbitrary<TStep[]> sequences = Arb.From(
            Gen.Choose(1, maxLength).SelectMany(length => Gen.ArrayOf(step, length)),
            shrink ?? DropOneStep);
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(Runs(target.PropertyRuns))
            .WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(seed, Gamma), null));
        try
        {
            Prop.ForAll(sequences, steps =>
            {
                string? disagreement = runSequence(Interlocked.Increment(ref run), steps);
                return disagreement is null ? true : throw new ConformanceFailedException(disagreement);
            }).Check(config);
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            throw new ConformanceFailedException($"{label} failed (replay with STORAGEKIT_SEED={seed}): {ex.Message}", ex);
        }
    }

    /// <summary>Shrinks by dropping one step at a time; FsCheck keeps the shortest sequence that still fails.</summary>
    public static IEnumerable<TStep[]> DropOneStep<TStep>(TStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (int i = 0; i < steps.Length; i++)
        {
            yield return [.. steps[..i], .. steps[(i + 1)..]];
        }
    }

    private static int Runs(int targetDefault)
        => int.TryParse(Environment.GetEnvironmentVariable("STORAGEKIT_PROPERTY_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs > 0
            ? runs
            : targetDefault;

    private static ulong Seed()
        => ulong.TryParse(Environment.GetEnvironmentVariable("STORAGEKIT_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong fixedSeed)
            ? fixedSeed
            : (ulong)DateTime.UtcNow.Ticks;
}
