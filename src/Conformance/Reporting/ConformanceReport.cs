using StorageKit.Conformance.Framework;

namespace StorageKit.Conformance.Reporting;

/// <summary>Pass/fail counts and summed wall time of a group of results.</summary>
/// <param name="Passed">Cases that passed.</param>
/// <param name="Failed">Cases that failed.</param>
/// <param name="Elapsed">Summed wall time of the cases.</param>
public sealed record ConformanceCounts(int Passed, int Failed, TimeSpan Elapsed)
{
    /// <summary>Cases run.</summary>
    public int Total => Passed + Failed;

    /// <summary>Counts of <paramref name="results"/>.</summary>
    /// <param name="results">The results to count.</param>
    /// <returns>The counts.</returns>
    public static ConformanceCounts Of(IEnumerable<ConformanceResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int passed = 0, failed = 0;
        TimeSpan elapsed = TimeSpan.Zero;
        foreach (ConformanceResult result in results)
        {
            if (result.Passed)
            {
                passed++;
            }
            else
            {
                failed++;
            }

            elapsed += result.Elapsed;
        }

        return new ConformanceCounts(passed, failed, elapsed);
    }
}

/// <summary>A case whose outcome differs between targets (for example passes on the emulator, fails natively).</summary>
/// <param name="Case">The case.</param>
/// <param name="Results">Its result on every target that ran it, in target order.</param>
public sealed record ConformanceDivergence(ConformanceCase Case, IReadOnlyList<ConformanceResult> Results);

/// <summary>
/// The conformance matrix of one run (cases × targets) with the summaries every report format shows: counts per
/// target and per area, unavailable targets, and divergences. Build it from the results of
/// <see cref="ConformanceCatalog.RunAndRecord"/> and write it with <see cref="ConformanceReportWriter"/>.
/// </summary>
public sealed class ConformanceReport
{
    private readonly Dictionary<(string CaseId, string Target), ConformanceResult> _byKey;

    /// <summary>Creates the report.</summary>
    /// <param name="cases">Every case selected for the run (also those no target ran), in display order.</param>
    /// <param name="targets">Target names, in column order.</param>
    /// <param name="results">One result per case and target that ran.</param>
    /// <param name="unavailable">Why a target or one of its systems did not run, one line each.</param>
    public ConformanceReport(IReadOnlyList<ConformanceCase> cases, IReadOnlyList<string> targets, IReadOnlyList<ConformanceResult> results, IReadOnlyList<string> unavailable)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(unavailable);
        Cases = cases;
        Targets = targets;
        Results = results;
        Unavailable = unavailable;
        _byKey = new Dictionary<(string, string), ConformanceResult>();
        foreach (ConformanceResult result in results)
        {
            _byKey[(result.Case.Id, result.Target)] = result;
        }

        Areas = cases.Select(c => c.Area).Distinct(StringComparer.Ordinal).ToList();
        Divergences = cases
            .Select(c => new ConformanceDivergence(c, targets.Select(t => Find(c.Id, t)).OfType<ConformanceResult>().ToList()))
            .Where(d => d.Results.Select(r => r.Passed).Distinct().Count() > 1)
            .ToList();
    }

    /// <summary>The cases, in display order.</summary>
    public IReadOnlyList<ConformanceCase> Cases { get; }

    /// <summary>Target names, in column order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Every result.</summary>
    public IReadOnlyList<ConformanceResult> Results { get; }

    /// <summary>Targets or systems that did not run, with the reason.</summary>
    public IReadOnlyList<string> Unavailable { get; }

    /// <summary>Distinct areas, in case order.</summary>
    public IReadOnlyList<string> Areas { get; }

    /// <summary>Cases that passed on at least one target and failed on another.</summary>
    public IReadOnlyList<ConformanceDivergence> Divergences { get; }

    /// <summary>True when every case that ran passed and no target was unavailable.</summary>
    public bool AllPassed => Unavailable.Count == 0 && Results.All(r => r.Passed);

    /// <summary>The result of a case on a target, or null when that target did not run it.</summary>
    /// <param name="caseId">The case's <see cref="ConformanceCase.Id"/>.</param>
    /// <param name="target">The target name.</param>
    /// <returns>The result or null.</returns>
    public ConformanceResult? Find(string caseId, string target) => _byKey.GetValueOrDefault((caseId, target));

    /// <summary>Counts of one target, optionally limited to one area.</summary>
    /// <param name="target">The target name.</param>
    /// <param name="area">An area, or null for all.</param>
    /// <returns>The counts.</returns>
    public ConformanceCounts CountsOf(string target, string? area = null)
        => ConformanceCounts.Of(Results.Where(r => r.Target == target && (area is null || r.Case.Area == area)));

    /// <summary>True when <paramref name="caseId"/> is one of the <see cref="Divergences"/>.</summary>
    /// <param name="caseId">The case's <see cref="ConformanceCase.Id"/>.</param>
    /// <returns>Whether the case diverges.</returns>
    public bool Diverges(string caseId) => Divergences.Any(d => d.Case.Id == caseId);
}
