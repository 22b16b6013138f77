using System.Diagnostics;
using NUnit.Framework;
using StorageKit.Conformance.Docker;

namespace StorageKit.Conformance.Tests;

/// <summary>Which labelled containers count as a live run (kept) and which as a crashed run's leftovers (removed).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DockerRunOwnerTests
{
    [Test]
    public void ThisProcessIsAlive() => Assert.That(DockerRunOwner.IsAlive(DockerRunOwner.Current), Is.True);

    [Test]
    public void AnExitedProcessIsGone()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        long start = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        process.WaitForExit();
        Assert.That(DockerRunOwner.IsAlive(DockerRunOwner.Format(Environment.MachineName, process.Id, start)), Is.False);
    }

    [Test]
    public void AReusedPidWithAnotherStartTimeIsGone()
    {
        string[] current = DockerRunOwner.Current.Split(':');
        string owner = DockerRunOwner.Format(Environment.MachineName, Environment.ProcessId, long.Parse(current[2], System.Globalization.CultureInfo.InvariantCulture) - 3600);
        Assert.That(DockerRunOwner.IsAlive(owner), Is.False);
    }

    [Test]
    public void AnotherHostsRunIsLeftAlone()
        => Assert.That(DockerRunOwner.IsAlive(DockerRunOwner.Format(Environment.MachineName + "-elsewhere", 1, 0)), Is.True);

    [TestCase("")]
    [TestCase("host")]
    [TestCase("host:pid:start")]
    [TestCase("host:-1:5")]
    public void AnUnreadableLabelIsGone(string owner) => Assert.That(DockerRunOwner.IsAlive(owner), Is.False);
}
