using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Reporting;
using StorageKit.Conformance.Targets;

namespace StorageKit.Conformance.Runner;

/// <summary>
/// The main job: <c>dotnet run --project src/Conformance -- --target emulator</c> runs the suite and prints the
/// conformance matrix (area × case × target). Exit code 0 when every case passed, 1 on any failure,
/// 2 when a target could not be started, 64 for bad arguments. <c>--report DIR</c> also writes the matrix as
/// Markdown, HTML and JUnit XML into DIR (see <see cref="ConformanceReportWriter"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var targets = new List<string>();
        string? filter = null;
        string? reportDirectory = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--target" or "-t" when i + 1 < args.Length:
                    string value = args[++i];
                    targets.AddRange(value == "all" ? AllTargets() : value.Split(','));
                    break;
                case "--filter" or "-f" when i + 1 < args.Length:
                    filter = args[++i];
                    break;
                case "--report" or "-r" when i + 1 < args.Length:
                    reportDirectory = args[++i];
                    break;
                case "--list":
                    foreach (ConformanceCase listed in ConformanceCatalog.Cases)
                    {
                        Console.WriteLine(listed.Id);
                    }

                    return 0;
                default:
                    Console.Error.WriteLine("usage: StorageKit.Conformance [--target emulator|native|native-server|docker|all|a,b] [--filter TEXT] [--report DIR] [--list]");
                    return 64;
            }
        }

        if (targets.Count == 0)
        {
            targets.Add("emulator");
        }

        var cases = ConformanceCatalog.Cases
            .Where(c => filter is null || c.Id.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var results = new List<ConformanceResult>();
        var unavailable = new List<string>();
        foreach (string name in targets.Distinct(StringComparer.Ordinal))
        {
            using ConformanceTarget target = ConformanceTargets.Create(name);
            foreach (IGrouping<ConformanceSystem, ConformanceCase> system in cases.GroupBy(c => c.System))
            {
                if (!target.Supports(system.Key))
                {
                    // Not a gap: the target never claimed this system (native-server is NBD only).
                    continue;
                }

                // Each storage system starts on its own, so a target without GlusterFS still runs its Ceph cases.
                string? reason = ConformanceCatalog.Prepare(target, system.Key);
                if (reason is not null)
                {
                    unavailable.Add($"{name} ({system.Key}): {reason}");
                    continue;
                }

                // Progress on stderr as each system runs (the matrix comes at the end): a run that dies shows where.
                Console.Error.WriteLine($"running {name} {system.Key}: {system.Count()} cases");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                int before = results.Count;
                foreach (ConformanceCase conformanceCase in system)
                {
                    results.Add(ConformanceCatalog.RunAndRecord(target, conformanceCase));
                }

                int passed = results.Skip(before).Count(r => r.Passed);
                Console.Error.WriteLine($"ran {name} {system.Key}: {passed}/{results.Count - before} conform ({watch.Elapsed.TotalSeconds:F1} s)");
            }
        }

        var targetNames = targets.Distinct(StringComparer.Ordinal).ToList();
        MatrixPrinter.Print(Console.Out, cases, targetNames, results, unavailable);
        if (reportDirectory is not null)
        {
            var report = new ConformanceReport(cases, targetNames, results, unavailable);
            foreach (string path in ConformanceReportWriter.WriteFiles(report, reportDirectory))
            {
                Console.WriteLine($"report: {path}");
            }
        }

        if (unavailable.Count > 0)
        {
            return 2;
        }

        return results.All(r => r.Passed) ? 0 : 1;
    }

    // "all" includes the docker target only when a Docker daemon was named: it is opt-in (scripts/test.sh
    // STORAGEKIT_DOCKER=1), unlike native whose absence is a real gap.
    private static IEnumerable<string> AllTargets()
        => ConformanceTargets.Names.Where(n => n != "docker" || StorageKit.Conformance.Docker.StorageKitDockerFixture.ConfiguredSocket is not null);
}
