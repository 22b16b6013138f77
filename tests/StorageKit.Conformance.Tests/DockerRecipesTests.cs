using NUnit.Framework;
using StorageKit.Conformance.Docker;

namespace StorageKit.Conformance.Tests;

/// <summary>The image recipes shipped inside StorageKit.Conformance are exactly the repository's.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DockerRecipesTests
{
    [Test]
    public void ExtractedRecipesEqualTheRepositoryFiles()
    {
        string repo = FindRepository();
        string extracted = Directory.CreateTempSubdirectory("sk-recipes-test-").FullName;
        try
        {
            StorageKitDockerImages.ExtractRecipes(extracted);

            var expected = Directory.EnumerateFiles(Path.Combine(repo, "docker"), "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) != "README.md")
                .Append(Path.Combine(repo, "scripts", "ceph-micro.sh"))
                .Append(Path.Combine(repo, "scripts", "micro-common.sh"))
                .Select(f => Path.GetRelativePath(repo, f))
                .Order(StringComparer.Ordinal)
                .ToList();
            var actual = Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(extracted, f))
                .Order(StringComparer.Ordinal)
                .ToList();

            Assert.That(actual, Is.EqualTo(expected), "the shipped recipe files");
            foreach (string file in expected)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(extracted, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(repo, file))), file);
                if (file.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(Path.Combine(extracted, file)) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), $"{file} is executable");
                }
            }
        }
        finally
        {
            Directory.Delete(extracted, recursive: true);
        }
    }

    private static string FindRepository()
    {
        for (var d = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kit.sln")) && Directory.Exists(Path.Combine(d.FullName, "docker")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Kit.sln with docker/ above {TestContext.CurrentContext.TestDirectory}");
    }
}
