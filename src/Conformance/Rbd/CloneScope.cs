using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// An <see cref="RbdImageScope"/> for cases with clones: images are removed newest first (children before their
/// parents), each after its snapshots are unprotected and removed, so a parent is free to go when its turn comes.
/// </summary>
internal sealed class CloneScope : IDisposable
{
    private readonly RbdImageScope _inner;
    private readonly List<string> _names = [];

    public CloneScope(RadosCaseContext c)
    {
        _inner = new RbdImageScope(c);
        Context = c;
    }

    public RadosCaseContext Context { get; }

    public IRadosIoContext Io => _inner.Io;

    public IRbdClient Rbd => _inner.Rbd;

    /// <summary>A fresh image name, removed (with its snapshots) at the end of the case.</summary>
    public string NewName(string hint = "img")
    {
        string name = _inner.NewName(hint);
        _names.Add(name);
        return name;
    }

    /// <summary>
    /// A 16 KiB image of 4 KiB objects holding <c>'a'</c> in [0, 4096) and <c>'b'</c> in [8192, 8292), with
    /// snapshot <c>s1</c> taken (and protected when asked); returns its name.
    /// </summary>
    public string NewParent(bool protect)
    {
        string name = NewName("parent");
        Rbd.Create(name, 16384, 12);
        using var image = Rbd.Open(name);
        image.Write(Fill('a', 4096), 0);
        image.Write(Fill('b', 100), 8192);
        image.CreateSnapshot("s1");
        if (protect)
        {
            image.ProtectSnapshot("s1");
        }

        return name;
    }

    /// <summary>
    /// A 16 KiB image of 4 KiB objects holding <c>'a'</c> in [0, <paramref name="filled"/>), with snapshot
    /// <c>s1</c> taken (not protected); returns its name.
    /// </summary>
    public string NewFilledParent(int filled = 16384)
    {
        string name = NewName("parent");
        Rbd.Create(name, 16384, 12);
        using var image = Rbd.Open(name);
        image.Write(Fill('a', filled), 0);
        image.CreateSnapshot("s1");
        return name;
    }

    /// <summary>A fresh 16 KiB image of 4 KiB objects, nothing written; returns its name.</summary>
    public string NewParentlessImage()
    {
        string name = NewName("image");
        Rbd.Create(name, 16384, 12);
        return name;
    }

    /// <summary>Clones <paramref name="parent"/>@s1 with the given clone format into a fresh name; returns it.</summary>
    public string NewClone(string parent, int cloneFormat, string snapshot = "s1")
    {
        string child = NewName("child");
        Rbd.Clone(parent, snapshot, child, new RbdImageOptions { CloneFormat = cloneFormat });
        return child;
    }

    public static byte[] Fill(char value, int length)
    {
        var data = new byte[length];
        data.AsSpan().Fill((byte)value);
        return data;
    }

    public static byte[] ReadAll(IRbdImage image, long offset, int length)
    {
        var buffer = new byte[length];
        image.Read(buffer, offset);
        return buffer;
    }

    public void Dispose()
    {
        for (int i = _names.Count - 1; i >= 0; i--)
        {
            try
            {
                Purge(_names[i]);
            }
            catch (StorageException)
            {
                // Gone already, or still in use; the inner scope tries once more.
            }
        }

        _inner.Dispose();
    }

    private void Purge(string name)
    {
        using (var image = Rbd.Open(name))
        {
            foreach (var snapshot in image.ListSnapshots())
            {
                if (snapshot.IsProtected)
                {
                    image.UnprotectSnapshot(snapshot.Name);
                }

                image.RemoveSnapshot(snapshot.Name);
            }
        }

        Rbd.Remove(name);
    }
}
