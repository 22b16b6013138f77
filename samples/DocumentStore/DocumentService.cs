using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StorageKit;
using StorageKit.Rados;

namespace DocumentStore;

/// <summary>Where documents live.</summary>
public sealed class DocumentStoreOptions
{
    /// <summary>The RADOS pool (must exist).</summary>
    public string Pool { get; set; } = "documents";
}

/// <summary>Stores UTF-8 documents as RADOS objects, with their content type in an xattr.</summary>
public sealed class DocumentService(IRadosClient rados, IOptions<DocumentStoreOptions> options)
{
    private const string ContentTypeXattr = "content-type";

    /// <summary>Creates or replaces a document.</summary>
    public void Save(string id, string text, string contentType = "text/plain")
    {
        using IRadosIoContext io = rados.OpenIoContext(options.Value.Pool);
        io.WriteFull(id, Encoding.UTF8.GetBytes(text));
        io.SetXattr(id, ContentTypeXattr, Encoding.UTF8.GetBytes(contentType));
    }

    /// <summary>The document's text, or null when there is none.</summary>
    public string? Load(string id)
    {
        using IRadosIoContext io = rados.OpenIoContext(options.Value.Pool);
        try
        {
            return Encoding.UTF8.GetString(io.ReadAll(id));
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The document's content type (ENODATA from the store when it has none).</summary>
    public string ContentType(string id)
    {
        using IRadosIoContext io = rados.OpenIoContext(options.Value.Pool);
        return Encoding.UTF8.GetString(io.GetXattr(id, ContentTypeXattr));
    }

    /// <summary>Every document id, sorted.</summary>
    public IReadOnlyList<string> List()
    {
        using IRadosIoContext io = rados.OpenIoContext(options.Value.Pool);
        return [.. io.ListObjects().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes a document; false when there was none.</summary>
    public bool Delete(string id)
    {
        using IRadosIoContext io = rados.OpenIoContext(options.Value.Pool);
        try
        {
            io.Remove(id);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>Registration of the sample's service; StorageKit itself comes from AddStorageKitNative/AddStorageKitEmulator.</summary>
public static class DocumentStoreServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DocumentService"/>.</summary>
    public static IServiceCollection AddDocumentStore(this IServiceCollection services, Action<DocumentStoreOptions>? configure = null)
    {
        services.AddOptions<DocumentStoreOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<DocumentService>();
        return services;
    }
}
