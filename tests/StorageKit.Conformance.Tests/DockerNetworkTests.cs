using NUnit.Framework;
using StorageKit.Conformance.Docker;

namespace StorageKit.Conformance.Tests;

/// <summary>The subnet arithmetic the docker fixture uses to avoid networks of the daemon and of the host.</summary>
public sealed class DockerNetworkTests
{
    [TestCase("10.232.5.0/24", "10.232.5.0/24", true)]
    [TestCase("10.232.5.0/24", "10.232.6.0/24", false)]
    [TestCase("10.232.5.0/24", "10.232.5.1/24", true)] // a host interface address: host bits ignored
    [TestCase("10.232.5.0/24", "10.232.5.130/25", true)]
    [TestCase("10.232.5.0/24", "10.0.0.0/8", true)]
    [TestCase("10.232.5.0/24", "10.231.0.1/24", false)]
    [TestCase("10.232.5.0/24", "0.0.0.0/0", true)]
    [TestCase("10.232.5.0/24", "192.168.5.0/24", false)]
    public void OverlapIsAgreementOnTheShorterPrefix(string a, string b, bool overlaps)
    {
        var first = Ipv4Network.TryParse(a)!.Value;
        var second = Ipv4Network.TryParse(b)!.Value;
        Assert.That(first.Overlaps(second), Is.EqualTo(overlaps));
        Assert.That(second.Overlaps(first), Is.EqualTo(overlaps));
    }

    [TestCase("fd00::/64")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("10.232.0.0")]
    [TestCase("10.232.0.0/33")]
    [TestCase("10.232.0.0/-1")]
    public void TryParseRejectsAnythingButIpv4Cidr(string? text) => Assert.That(Ipv4Network.TryParse(text), Is.Null);

    [Test]
    public void ToStringIsTheNetworkAddress() => Assert.That(Ipv4Network.TryParse("10.232.7.9/24")!.Value.ToString(), Is.EqualTo("10.232.7.0/24"));
}
