using DocumentStore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using StorageKit;
using StorageKit.Emulator.DependencyInjection;

namespace DocumentStore.Tests;

/// <summary>The sample's unit tests: DocumentService against the StorageKit emulator, wired by AddStorageKitEmulator.</summary>
public sealed class DocumentServiceTests
{
    private ServiceProvider _provider = null!;
    private DocumentService _documents = null!;

    [SetUp]
    public void SetUp()
    {
        _provider = new ServiceCollection()
            .AddStorageKitEmulator(seed: s => s.AddObject("documents", "welcome", "seeded"))
            .AddDocumentStore()
            .BuildServiceProvider();
        _documents = _provider.GetRequiredService<DocumentService>();
    }

    [TearDown]
    public void TearDown() => _provider.Dispose();

    [Test]
    public void Seeded_documents_are_there() => Assert.That(_documents.Load("welcome"), Is.EqualTo("seeded"));

    [Test]
    public void Save_then_load_list_and_delete()
    {
        _documents.Save("b", "second", "text/markdown");
        _documents.Save("a", "first");
        Assert.Multiple(() =>
        {
            Assert.That(_documents.Load("b"), Is.EqualTo("second"));
            Assert.That(_documents.ContentType("b"), Is.EqualTo("text/markdown"));
            Assert.That(_documents.List(), Is.EqualTo(new List<string> { "a", "b", "welcome" }));
            Assert.That(_documents.Delete("a"), Is.True);
            Assert.That(_documents.Delete("a"), Is.False);
            Assert.That(_documents.Load("a"), Is.Null);
        });
    }

    [Test]
    public void A_missing_xattr_is_the_store_s_ENODATA()
    {
        var e = Assert.Throws<StorageNoDataException>(() => _documents.ContentType("welcome"));
        Assert.That(e!.Errno, Is.EqualTo(Errno.ENODATA));
    }
}
