// Expected values read better inline than as static fields; each test runs once.
#pragma warning disable CA1861
using System.Xml;
using System.Xml.Linq;
using NUnit.Framework;
using StorageKit.Conformance.Framework;
using StorageKit.Conformance.Reporting;

namespace StorageKit.Conformance.Tests;

/// <summary>The report writers on a hand-made result set with one divergence, one common failure and one unavailable system.</summary>
public sealed class ConformanceReportTests
{
    private const string NastyFailure = "expected <ENOENT> & \"got\" 'EEXIST' | seed 42\nsequence [Write 0; Remove]";

    private static ConformanceReport MakeReport()
    {
        var method = typeof(ConformanceReportTests).GetMethod(nameof(Placeholder), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var same = new ConformanceCase("rados.objects", "WriteThenRead", method, false);
        var diverging = new ConformanceCase("rados.objects", "RemoveMissing", method, false);
        var bothFail = new ConformanceCase("rbd.images", "Resize<Shrink>", method, false);
        var notRun = new ConformanceCase("nbd.read", "ReadZero", method, false);
        var results = new List<ConformanceResult>
        {
            new(same, "emulator", true, null, TimeSpan.FromMilliseconds(10)),
            new(same, "native", true, null, TimeSpan.FromMilliseconds(30)),
            new(diverging, "emulator", true, null, TimeSpan.FromMilliseconds(5)),
            new(diverging, "native", false, NastyFailure, TimeSpan.FromMilliseconds(7)),
            new(bothFail, "emulator", false, "emu says no", TimeSpan.FromMilliseconds(1)),
            new(bothFail, "native", false, "native says no", TimeSpan.FromMilliseconds(2)),
            new(notRun, "emulator", true, null, TimeSpan.FromMilliseconds(3)),
        };
        return new ConformanceReport([same, diverging, bothFail, notRun], ["emulator", "native"], results, ["native (Nbd): nbdkit <not installed>"]);
    }

    private static void Placeholder()
    {
    }

    private static string Write(Action<ConformanceReport, TextWriter> write)
    {
        using var writer = new StringWriter();
        write(MakeReport(), writer);
        return writer.ToString();
    }

    [Test]
    public void ReportFindsOnlyPassFailDivergencesAndCounts()
    {
        ConformanceReport report = MakeReport();
        Assert.That(report.Divergences.Select(d => d.Case.Id), Is.EqualTo(new[] { "rados.objects/RemoveMissing" }));
        Assert.That(report.Divergences[0].Results.Select(r => r.Target), Is.EqualTo(new[] { "emulator", "native" }));
        Assert.That(report.CountsOf("native"), Is.EqualTo(new ConformanceCounts(1, 2, TimeSpan.FromMilliseconds(39))));
        Assert.That(report.CountsOf("emulator", "rados.objects"), Is.EqualTo(new ConformanceCounts(2, 0, TimeSpan.FromMilliseconds(15))));
        Assert.That(report.Areas, Is.EqualTo(new[] { "rados.objects", "rbd.images", "nbd.read" }));
        Assert.That(report.AllPassed, Is.False);
    }

    [Test]
    public void MarkdownHasSummaryMatrixAndDivergenceRows()
    {
        string[] lines = Write(ConformanceReportWriter.WriteMarkdown).Split('\n');
        Assert.That(lines, Does.Contain("| emulator | 3 | 1 | 4 | 0.02 |"));
        Assert.That(lines, Does.Contain("| native | 1 | 2 | 3 | 0.04 |"));
        Assert.That(lines, Does.Contain("| rados.objects | 2/2 (0.01 s) | 1/2 (0.04 s) |"));
        Assert.That(lines, Does.Contain("| rados.objects | RemoveMissing | pass | **FAIL** |"));
        Assert.That(lines, Does.Contain("| nbd.read | ReadZero | pass | n/a |"));
        Assert.That(lines, Does.Contain("| rbd.images | Resize&lt;Shrink&gt; | **FAIL** | **FAIL** |"));
        Assert.That(lines, Does.Contain("- native (Nbd): nbdkit &lt;not installed&gt;"));
        int divergences = Array.IndexOf(lines, "## Divergences");
        int matrix = Array.IndexOf(lines, "## Matrix");
        var divergenceRows = lines[divergences..matrix].Where(l => l.StartsWith("| rados", StringComparison.Ordinal)).ToList();
        Assert.That(divergenceRows, Has.Count.EqualTo(2));
        Assert.That(divergenceRows[0], Is.EqualTo("| rados.objects/RemoveMissing | emulator | pass |"));
        // The failure stays in one cell: its pipe is escaped, its newline is a <br>, its markup is text.
        Assert.That(divergenceRows[1], Is.EqualTo("| rados.objects/RemoveMissing | native | **FAIL**: expected &lt;ENOENT&gt; &amp; &quot;got&quot; &#39;EEXIST&#39; \\| seed 42<br>sequence [Write 0; Remove] |"));
        Assert.That(lines.Where(l => l.StartsWith('|')).Select(l => l.Split(" | ").Length).Distinct().Count(), Is.LessThanOrEqualTo(4));
    }

    [Test]
    public void JUnitHasOneSuitePerTargetWithFailures()
    {
        XDocument doc = XDocument.Parse(Write(ConformanceReportWriter.WriteJUnit));
        XElement root = doc.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        Assert.That((int)root.Attribute("tests")!, Is.EqualTo(7));
        Assert.That((int)root.Attribute("failures")!, Is.EqualTo(3));
        var suites = root.Elements("testsuite").ToDictionary(s => (string)s.Attribute("name")!);
        Assert.That(suites.Keys, Is.EquivalentTo(new[] { "emulator", "native" }));
        XElement native = suites["native"];
        Assert.That((int)native.Attribute("failures")!, Is.EqualTo(2));
        Assert.That((int)native.Attribute("skipped")!, Is.EqualTo(1));
        Assert.That((int)native.Attribute("tests")!, Is.EqualTo(native.Elements("testcase").Count()));
        Assert.That(native.Elements("testcase").Attributes("time").All(t => double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out _)), Is.True);
        XElement failing = native.Elements("testcase").Single(t => (string)t.Attribute("name")! == "RemoveMissing");
        Assert.That((string)failing.Attribute("classname")!, Is.EqualTo("rados.objects"));
        XElement failure = failing.Element("failure")!;
        Assert.That((string)failure.Attribute("message")!, Is.EqualTo("expected <ENOENT> & \"got\" 'EEXIST' | seed 42"));
        Assert.That(failure.Value, Is.EqualTo(NastyFailure));
        Assert.That(suites["emulator"].Descendants("failure").Count(), Is.EqualTo(1));
        Assert.That(native.Descendants("skipped").Single().Attribute("message")!.Value, Is.EqualTo("native (Nbd): nbdkit <not installed>"));
    }

    [Test]
    public void HtmlIsWellFormedEscapedAndMarksTheDivergence()
    {
        string html = Write(ConformanceReportWriter.WriteHtml);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        XDocument doc = XDocument.Load(reader);
        Assert.That(html, Does.Contain("expected &lt;ENOENT&gt; &amp; &quot;got&quot; &#39;EEXIST&#39; | seed 42"));
        Assert.That(html, Does.Not.Contain("<ENOENT>"));
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(doc.Descendants("style").Count(), Is.EqualTo(1));
        Assert.That(doc.Descendants("details").Select(d => d.Element("summary")!.Value), Has.Exactly(3).Items);
        XElement divergences = doc.Descendants("div").Single(d => (string?)d.Attribute("id") == "divergences");
        Assert.That(divergences.Descendants("code").Select(c => c.Value), Is.EqualTo(new[] { "rados.objects/RemoveMissing" }));
        Assert.That(doc.Descendants("tr").Count(t => (string?)t.Attribute("class") == "diverges"), Is.EqualTo(1));
        Assert.That(doc.Descendants("li").Single().Value, Is.EqualTo("native (Nbd): nbdkit <not installed>"));
    }

    [Test]
    public void WriteFilesWritesAllThree()
    {
        string dir = Path.Combine(Path.GetTempPath(), "storagekit-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = ConformanceReportWriter.WriteFiles(MakeReport(), dir);
            Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new[] { "conformance.md", "conformance.html", "conformance.junit.xml" }));
            Assert.That(paths.All(p => new FileInfo(p).Length > 0), Is.True);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
