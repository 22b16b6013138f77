using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using StorageKit.Conformance.Framework;

namespace StorageKit.Conformance.Reporting;

/// <summary>Writes a <see cref="ConformanceReport"/> as GitHub-flavoured Markdown, self-contained HTML or JUnit XML.</summary>
public static class ConformanceReportWriter
{
    /// <summary>File name of the Markdown report in <see cref="WriteFiles"/>.</summary>
    public const string MarkdownFileName = "conformance.md";

    /// <summary>File name of the HTML report in <see cref="WriteFiles"/>.</summary>
    public const string HtmlFileName = "conformance.html";

    /// <summary>File name of the JUnit XML report in <see cref="WriteFiles"/>.</summary>
    public const string JUnitFileName = "conformance.junit.xml";

    /// <summary>Writes all three formats into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">Output directory.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> WriteFiles(ConformanceReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach ((string name, Action<ConformanceReport, TextWriter> write) in new (string, Action<ConformanceReport, TextWriter>)[]
        {
            (MarkdownFileName, WriteMarkdown), (HtmlFileName, WriteHtml), (JUnitFileName, WriteJUnit),
        })
        {
            string path = Path.Combine(directory, name);
            using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(report, writer);
            }

            paths.Add(path);
        }

        return paths;
    }

    // ---- Markdown ----------------------------------------------------------------------------------------

    /// <summary>Writes the report as GitHub-flavoured Markdown: summary tables, divergences, unavailable targets, the matrix and failures.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteMarkdown(ConformanceReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# StorageKit conformance report");
        output.WriteLine();
        output.WriteLine(Invariant($"{report.Cases.Count} cases, {report.Targets.Count} targets, {report.Results.Count(r => !r.Passed)} failures, {report.Divergences.Count} divergences, {report.Unavailable.Count} unavailable."));
        output.WriteLine();
        output.WriteLine("## Targets");
        output.WriteLine();
        output.WriteLine("| target | passed | failed | total | time (s) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (string target in report.Targets)
        {
            ConformanceCounts c = report.CountsOf(target);
            output.WriteLine(Invariant($"| {Md(target)} | {c.Passed} | {c.Failed} | {c.Total} | {c.Elapsed.TotalSeconds:F2} |"));
        }

        output.WriteLine();
        output.WriteLine("## Areas");
        output.WriteLine();
        output.WriteLine($"| area | {string.Join(" | ", report.Targets.Select(Md))} |");
        output.WriteLine($"| --- |{string.Concat(report.Targets.Select(_ => " ---: |"))}");
        foreach (string area in report.Areas)
        {
            var cells = report.Targets.Select(t => report.CountsOf(t, area)).Select(c => c.Total == 0 ? "–" : Invariant($"{c.Passed}/{c.Total} ({c.Elapsed.TotalSeconds:F2} s)"));
            output.WriteLine($"| {Md(area)} | {string.Join(" | ", cells)} |");
        }

        if (report.Unavailable.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Unavailable");
            output.WriteLine();
            foreach (string reason in report.Unavailable)
            {
                output.WriteLine($"- {Md(reason)}");
            }
        }

        output.WriteLine();
        output.WriteLine("## Divergences");
        output.WriteLine();
        if (report.Divergences.Count == 0)
        {
            output.WriteLine("None: every case has the same outcome on every target that ran it.");
        }
        else
        {
            output.WriteLine("Cases whose outcome differs between targets. Model properties name the failing sequence and seed in the failure text.");
            output.WriteLine();
            output.WriteLine("| case | target | result |");
            output.WriteLine("| --- | --- | --- |");
            foreach (ConformanceDivergence divergence in report.Divergences)
            {
                foreach (ConformanceResult result in divergence.Results)
                {
                    output.WriteLine($"| {Md(divergence.Case.Id)} | {Md(result.Target)} | {(result.Passed ? "pass" : "**FAIL**: " + Md(result.Failure ?? string.Empty))} |");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("## Matrix");
        output.WriteLine();
        output.WriteLine($"| area | case | {string.Join(" | ", report.Targets.Select(Md))} |");
        output.WriteLine($"| --- | --- |{string.Concat(report.Targets.Select(_ => " :---: |"))}");
        foreach (ConformanceCase c in report.Cases)
        {
            var cells = report.Targets.Select(t => report.Find(c.Id, t) switch
            {
                null => "n/a",
                { Passed: true } => "pass",
                _ => "**FAIL**",
            });
            output.WriteLine($"| {Md(c.Area)} | {Md(c.Name)} | {string.Join(" | ", cells)} |");
        }

        var failures = report.Results.Where(r => !r.Passed).ToList();
        if (failures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Failures");
            output.WriteLine();
            output.WriteLine("| case | target | failure |");
            output.WriteLine("| --- | --- | --- |");
            foreach (ConformanceResult failure in failures)
            {
                output.WriteLine($"| {Md(failure.Case.Id)} | {Md(failure.Target)} | {Md(failure.Failure ?? string.Empty)} |");
            }
        }
    }

    // A table cell: pipes and newlines would end the cell or row; HTML would be rendered, so it is escaped.
    private static string Md(string text)
        => WebUtility.HtmlEncode(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r\n", "<br>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal).Replace("\r", "<br>", StringComparison.Ordinal);

    // ---- HTML --------------------------------------------------------------------------------------------

    private const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #1f2328; background: #fff; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
        .lead { color: #57606a; margin: 0 0 16px; }
        table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .pass { background: #dafbe1; color: #116329; } .fail { background: #ffebe9; color: #a40e26; font-weight: 600; } .na { color: #8c959f; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
        .badge.pass { background: #1a7f37; color: #fff; } .badge.fail { background: #cf222e; color: #fff; }
        details { border: 1px solid #d0d7de; border-radius: 6px; margin: 6px 0; padding: 0 10px; }
        details > summary { cursor: pointer; padding: 6px 0; font-weight: 600; } details[open] > summary { border-bottom: 1px solid #d0d7de; margin-bottom: 6px; }
        .divergences { border: 2px solid #bf8700; background: #fff8c5; border-radius: 6px; padding: 4px 12px 12px; }
        .divergences.none { border: 1px solid #d0d7de; background: #f6f8fa; }
        .divergences h2 { border: 0; margin-top: 10px; } tr.diverges td:first-child { border-left: 4px solid #bf8700; }
        pre { white-space: pre-wrap; word-break: break-word; margin: 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        ul.unavailable li { color: #9a6700; }
        """;

    /// <summary>
    /// Writes the report as one self-contained HTML file (inline CSS, no scripts): summary on top, divergences,
    /// then one collapsible section per area. The markup is also well-formed XML.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteHtml(ConformanceReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var o = new StringBuilder();
        o.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        o.Append("<title>StorageKit conformance report</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        int failures = report.Results.Count(r => !r.Passed);
        o.Append("<h1>StorageKit conformance report ")
            .Append(report.AllPassed ? "<span class=\"badge pass\">all pass</span>" : "<span class=\"badge fail\">failures</span>").Append("</h1>\n");
        o.Append(Invariant($"<p class=\"lead\">{report.Cases.Count} cases · {report.Targets.Count} targets · {failures} failures · {report.Divergences.Count} divergences · {report.Unavailable.Count} unavailable</p>\n"));

        o.Append("<h2>Targets</h2>\n<table>\n<tr><th>target</th><th>passed</th><th>failed</th><th>total</th><th>time (s)</th></tr>\n");
        foreach (string target in report.Targets)
        {
            ConformanceCounts c = report.CountsOf(target);
            o.Append("<tr><td>").Append(H(target)).Append(Invariant($"</td><td class=\"num pass\">{c.Passed}</td><td class=\"num{(c.Failed > 0 ? " fail" : string.Empty)}\">{c.Failed}</td><td class=\"num\">{c.Total}</td><td class=\"num\">{c.Elapsed.TotalSeconds:F2}</td></tr>\n"));
        }

        o.Append("</table>\n<h2>Areas</h2>\n<table>\n<tr><th>area</th>");
        foreach (string target in report.Targets)
        {
            o.Append("<th>").Append(H(target)).Append("</th>");
        }

        o.Append("</tr>\n");
        foreach (string area in report.Areas)
        {
            o.Append("<tr><td>").Append(H(area)).Append("</td>");
            foreach (string target in report.Targets)
            {
                ConformanceCounts c = report.CountsOf(target, area);
                o.Append(c.Total == 0
                    ? "<td class=\"na\">–</td>"
                    : Invariant($"<td class=\"num {(c.Failed > 0 ? "fail" : "pass")}\">{c.Passed}/{c.Total} <small>({c.Elapsed.TotalSeconds:F2} s)</small></td>"));
            }

            o.Append("</tr>\n");
        }

        o.Append("</table>\n");
        if (report.Unavailable.Count > 0)
        {
            o.Append("<h2>Unavailable</h2>\n<ul class=\"unavailable\">\n");
            foreach (string reason in report.Unavailable)
            {
                o.Append("<li>").Append(H(reason)).Append("</li>\n");
            }

            o.Append("</ul>\n");
        }

        // Highlighted only when there is something to see.
        o.Append(report.Divergences.Count == 0 ? "<div class=\"divergences none\" id=\"divergences\">" : "<div class=\"divergences\" id=\"divergences\">").Append("\n<h2>Divergences</h2>\n");
        if (report.Divergences.Count == 0)
        {
            o.Append("<p>None: every case has the same outcome on every target that ran it.</p>\n");
        }
        else
        {
            o.Append("<p>Cases whose outcome differs between targets. Model properties name the failing sequence and seed in the failure text.</p>\n");
            o.Append("<table>\n<tr><th>case</th><th>target</th><th>result</th></tr>\n");
            foreach (ConformanceDivergence divergence in report.Divergences)
            {
                bool first = true;
                foreach (ConformanceResult result in divergence.Results)
                {
                    o.Append("<tr>");
                    if (first)
                    {
                        o.Append(Invariant($"<td rowspan=\"{divergence.Results.Count}\"><code>")).Append(H(divergence.Case.Id)).Append("</code></td>");
                        first = false;
                    }

                    o.Append("<td>").Append(H(result.Target)).Append("</td>").Append(ResultCell(result)).Append("</tr>\n");
                }
            }

            o.Append("</table>\n");
        }

        o.Append("</div>\n<h2>Matrix</h2>\n");
        foreach (string area in report.Areas)
        {
            var areaCases = report.Cases.Where(c => c.Area == area).ToList();
            bool areaFails = report.Results.Any(r => r.Case.Area == area && !r.Passed);
            o.Append(areaFails ? "<details open=\"open\">" : "<details>").Append("<summary>").Append(H(area)).Append(' ');
            foreach (string target in report.Targets)
            {
                ConformanceCounts c = report.CountsOf(target, area);
                if (c.Total > 0)
                {
                    o.Append(Invariant($"<span class=\"badge {(c.Failed > 0 ? "fail" : "pass")}\">")).Append(H(target)).Append(Invariant($" {c.Passed}/{c.Total}</span> "));
                }
            }

            o.Append("</summary>\n<table>\n<tr><th>case</th>");
            foreach (string target in report.Targets)
            {
                o.Append("<th>").Append(H(target)).Append("</th>");
            }

            o.Append("</tr>\n");
            foreach (ConformanceCase c in areaCases)
            {
                o.Append(report.Diverges(c.Id) ? "<tr class=\"diverges\">" : "<tr>").Append("<td><code>").Append(H(c.Name)).Append("</code></td>");
                foreach (string target in report.Targets)
                {
                    o.Append(report.Find(c.Id, target) is { } result ? ResultCell(result) : "<td class=\"na\">n/a</td>");
                }

                o.Append("</tr>\n");
            }

            o.Append("</table>\n</details>\n");
        }

        o.Append("</body>\n</html>\n");
        output.Write(o.ToString());
    }

    private static string ResultCell(ConformanceResult result)
        => result.Passed
            ? Invariant($"<td class=\"pass\">pass <small>({result.Elapsed.TotalMilliseconds:F0} ms)</small></td>")
            : "<td class=\"fail\">FAIL<pre>" + H(result.Failure ?? "failed") + "</pre></td>";

    // HTML text and attribute values; also valid XML, because control characters are removed.
    private static string H(string text) => WebUtility.HtmlEncode(XmlSafe(text));

    // ---- JUnit XML ---------------------------------------------------------------------------------------

    /// <summary>
    /// Writes the report as JUnit XML: one <c>testsuite</c> per target (name = target), one <c>testcase</c> per case
    /// run (classname = area, name = case) with a <c>failure</c> element for each failure, and a <c>skipped</c>
    /// test case per unavailable target or system so CI shows it.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteJUnit(ConformanceReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var suites = new List<XElement>();
        foreach (string target in report.Targets)
        {
            var mine = report.Cases.Select(c => report.Find(c.Id, target)).OfType<ConformanceResult>().ToList();
            var unavailable = report.Unavailable.Where(u => u.StartsWith(target + " ", StringComparison.Ordinal)).ToList();
            ConformanceCounts counts = ConformanceCounts.Of(mine);
            var suite = new XElement(
                "testsuite",
                new XAttribute("name", target),
                new XAttribute("tests", counts.Total + unavailable.Count),
                new XAttribute("failures", counts.Failed),
                new XAttribute("errors", 0),
                new XAttribute("skipped", unavailable.Count),
                new XAttribute("time", Seconds(counts.Elapsed)));
            foreach (ConformanceResult result in mine)
            {
                var testCase = new XElement(
                    "testcase",
                    new XAttribute("classname", result.Case.Area),
                    new XAttribute("name", result.Case.Name),
                    new XAttribute("time", Seconds(result.Elapsed)));
                if (!result.Passed)
                {
                    string text = XmlSafe(result.Failure ?? "failed");
                    testCase.Add(new XElement("failure", new XAttribute("message", FirstLine(text)), new XAttribute("type", "ConformanceFailure"), text));
                }

                suite.Add(testCase);
            }

            foreach (string reason in unavailable)
            {
                suite.Add(new XElement(
                    "testcase",
                    new XAttribute("classname", "unavailable"),
                    new XAttribute("name", reason),
                    new XAttribute("time", "0"),
                    new XElement("skipped", new XAttribute("message", XmlSafe(reason)))));
            }

            suites.Add(suite);
        }

        ConformanceCounts all = ConformanceCounts.Of(report.Results);
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "StorageKit conformance"),
            new XAttribute("tests", all.Total),
            new XAttribute("failures", all.Failed),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(all.Elapsed)),
            suites);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, CloseOutput = false });
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(xml);
        xml.Flush();
        output.WriteLine();
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    // XML 1.0 cannot carry most control characters, not even escaped: a failure text with one would break the file.
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
