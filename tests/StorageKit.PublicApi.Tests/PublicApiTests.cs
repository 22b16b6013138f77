using System.Reflection;
using NUnit.Framework;
using PublicApiGenerator;

namespace StorageKit.PublicApi.Tests;

/// <summary>
/// The public API of the client packages (abstractions, emulator, native) is approved: a change to it must come with a change to
/// <c>Approved/&lt;assembly&gt;.txt</c>, so API changes are deliberate and show up in review.
/// To approve a change: run with STORAGEKIT_APPROVE_API=&lt;path to this project's Approved folder&gt;.
/// </summary>
public sealed class PublicApiTests
{
    public static IEnumerable<Assembly> Assemblies()
    {
        yield return typeof(StorageException).Assembly;
        yield return typeof(StorageKit.Emulator.EmulatorOptions).Assembly;
        yield return typeof(StorageKit.Native.NativeLibraryNotFoundException).Assembly;
        // The conformance package is left out: its case classes are public so runners find them, and every
        // new case would read as an API change.
    }

    [TestCaseSource(nameof(Assemblies))]
    public void PublicApiIsApproved(Assembly assembly)
    {
        string name = assembly.GetName().Name!;
        string actual = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        string? approveInto = Environment.GetEnvironmentVariable("STORAGEKIT_APPROVE_API");
        if (!string.IsNullOrEmpty(approveInto))
        {
            File.WriteAllText(Path.Combine(approveInto, name + ".txt"), actual);
        }

        string approvedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "Approved", name + ".txt");
        Assert.That(File.Exists(approvedPath), Is.True, $"no approved API for {name}; approve it with STORAGEKIT_APPROVE_API");
        string approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        Assert.That(actual, Is.EqualTo(approved), $"the public API of {name} changed; review and approve it with STORAGEKIT_APPROVE_API");
    }
}
