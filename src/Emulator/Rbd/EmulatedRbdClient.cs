using System.Security.Cryptography;
using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// <see cref="IRbdClient"/> over an emulated io context, through its public RADOS surface only, so the
/// RADOS view of the pool shows the image objects librbd would create.
/// </summary>
internal sealed partial class EmulatedRbdClient(IRadosIoContext io) : IRbdClient
{
    private static readonly Lock _gate = new();

    /// <inheritdoc />
    public void Create(string name, long size, int? order = null)
    {
        RbdArguments.ImageName(name);
        RbdArguments.NotNegative(size, nameof(size));
        CreateImage(name, size, (ulong)(long)(order ?? 0), 2, RbdFeatures.Layering, 0, 0, "rbd_create2");
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List()
    {
        var names = new List<string>();
        string after = "";
        while (true)
        {
            RadosOmapPage page;
            try
            {
                page = io.GetOmapValues(RbdLayout.Directory, after, "name_");
            }
            catch (StorageNotFoundException)
            {
                return names;
            }

            foreach (var entry in page.Entries)
            {
                names.Add(entry.Key["name_".Length..]);
                after = entry.Key;
            }

            if (!page.More || page.Entries.Count == 0)
            {
                return names;
            }
        }
    }

    /// <inheritdoc />
    public void Remove(string name) => Remove(name, null);

    /// <inheritdoc />
    public void Rename(string sourceName, string destinationName)
    {
        RbdArguments.ImageName(sourceName, nameof(sourceName));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        lock (_gate)
        {
            string id = IdOf(sourceName, "rbd_rename");
            if (RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.NameKey(destinationName)) is not null || Exists(RbdLayout.IdObject(destinationName)))
            {
                throw StorageErrors.Create(Errno.EEXIST, "rbd_rename", destinationName);
            }

            io.WriteFull(RbdLayout.IdObject(destinationName), RbdLayout.EncodeString(id));
            io.RemoveOmapKeys(RbdLayout.Directory, [RbdLayout.NameKey(sourceName)]);
            io.SetOmap(RbdLayout.Directory, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [RbdLayout.NameKey(destinationName)] = RbdLayout.EncodeString(id),
                [RbdLayout.IdKey(id)] = RbdLayout.EncodeString(destinationName),
            });
            io.Remove(RbdLayout.IdObject(sourceName));
        }
    }

    /// <inheritdoc />
    public IRbdImage Open(string name) => Open(name, null, readOnly: false);

    private static string NewId()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    private string IdOf(string name, string operation)
    {
        var (buffer, length) = ReadWhole(RbdLayout.IdObject(name));
        return buffer is null ? throw StorageErrors.Create(Errno.ENOENT, operation, name) : RbdLayout.DecodeString(buffer.AsSpan(0, length));
    }

    private (byte[]? Buffer, int Length) ReadWhole(string objectName)
    {
        try
        {
            long size = io.Stat(objectName).Size;
            if (size == 0)
            {
                return (null, 0);
            }

            var buffer = new byte[size];
            return (buffer, io.Read(objectName, buffer, 0));
        }
        catch (StorageNotFoundException)
        {
            return (null, 0);
        }
    }

    private bool Exists(string objectName)
    {
        try
        {
            io.Stat(objectName);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    private void RemoveIfExists(string objectName)
    {
        // Sparse: a never-written object is simply not there (EmulatedRbd.For only takes emulated io contexts).
        ((EmulatedRadosIoContext)io).TryRemove(objectName);
    }
}
