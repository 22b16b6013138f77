using System.Globalization;
using StorageKit.Conformance.Framework;

namespace StorageKit.Conformance.Runner;

/// <summary>Writes the conformance matrix as a plain-text table with failures and per-target totals.</summary>
public static class MatrixPrinter
{
    /// <summary>Prints one row per case, one column per target, then the failures and a summary.</summary>
    public static void Print(TextWriter output, IReadOnlyList<ConformanceCase> cases, IReadOnlyList<string> targets, IReadOnlyList<ConformanceResult> results, IReadOnlyList<string> unavailable)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(unavailable);
        var byKey = results.ToDictionary(r => (r.Case.Id, r.Target));
        int areaWidth = Math.Max(4, cases.Select(c => c.Area.Length).DefaultIfEmpty(0).Max());
        int caseWidth = Math.Max(4, cases.Select(c => c.Name.Length).DefaultIfEmpty(0).Max());
        output.WriteLine("StorageKit conformance matrix");
        output.WriteLine();
        int Width(string target) => Math.Max(9, target.Length);
        output.WriteLine($"{"area".PadRight(areaWidth)}  {"case".PadRight(caseWidth)}  {string.Join("  ", targets.Select(t => t.PadRight(Width(t))))}");
        output.WriteLine(new string('-', areaWidth + caseWidth + 4 + targets.Sum(t => Width(t) + 2)));
        foreach (ConformanceCase c in cases)
        {
            var cells = targets.Select(t => (byKey.TryGetValue((c.Id, t), out ConformanceResult? r) ? (r.Passed ? "pass" : "FAIL") : "n/a").PadRight(Width(t)));
            output.WriteLine($"{c.Area.PadRight(areaWidth)}  {c.Name.PadRight(caseWidth)}  {string.Join("  ", cells)}");
        }

        var failures = results.Where(r => !r.Passed).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Failures (expected vs. got, with errno):");
            foreach (ConformanceResult failure in failures)
            {
                output.WriteLine($"  [{failure.Target}] {failure.Case.Id}: {failure.Failure}");
            }
        }

        foreach (string reason in unavailable)
        {
            output.WriteLine($"UNAVAILABLE {reason}");
        }

        output.WriteLine();
        foreach (var area in cases.GroupBy(c => c.Area))
        {
            var counts = targets.Select(t =>
            {
                var areaResults = results.Where(r => r.Target == t && r.Case.Area == area.Key).ToList();
                return $"{t} {areaResults.Count(r => r.Passed)}/{areaResults.Count}";
            });
            output.WriteLine($"{area.Key.PadRight(areaWidth)}  {string.Join("  ", counts)}");
        }

        foreach (string target in targets)
        {
            var mine = results.Where(r => r.Target == target).ToList();
            double seconds = mine.Sum(r => r.Elapsed.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target {target}: {mine.Count(r => r.Passed)}/{mine.Count} cases run conform, {mine.Count(r => !r.Passed)} diverge ({seconds:F1} s)"));
        }
    }
}
