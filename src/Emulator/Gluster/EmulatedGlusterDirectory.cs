using System.Collections;
using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// An open directory of an emulated volume. It reads the live directory: <c>.</c>, <c>..</c>, then the entries in
/// creation order (a real volume returns them in hash order, so callers must not rely on either), each with a
/// cookie that <see cref="Tell"/> returns and <see cref="Seek"/> takes back. As on a real volume the last entry's
/// cookie is <see cref="long.MaxValue"/>.
/// </summary>
internal sealed class EmulatedGlusterDirectory : IGlusterDirectory
{
    private const long DotCookie = 1;

    private readonly EmulatedGlusterVolume _volume;
    private readonly GlusterFileSystem _fs;
    private readonly GlusterNode _node;
    private readonly int _generation;
    private long _cookie;
    private bool _closed;

    public EmulatedGlusterDirectory(EmulatedGlusterVolume volume, GlusterFileSystem fs, GlusterNode node, string path, bool withStat)
    {
        _volume = volume;
        _fs = fs;
        _node = node;
        _generation = volume.MountGeneration;
        Path = path;
        WithStat = withStat;
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public bool WithStat { get; }

    /// <inheritdoc />
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <inheritdoc />
    public GlusterDirectoryEntry? ReadNext()
    {
        string op = WithStat ? "glfs_readdirplus_r" : "glfs_readdir_r";
        lock (Enter(op))
        {
            if (_cookie == long.MaxValue || _node.Removed)
            {
                // A directory removed while open reads as empty, without even . and .. (measured).
                return null;
            }

            string name;
            GlusterNode node;
            long cookie;
            if (_cookie < DotCookie)
            {
                (name, node, cookie) = (".", _node, DotCookie);
            }
            else if (_cookie < GlusterDirectoryTable.DotDotCookie)
            {
                (name, node, cookie) = ("..", _node.Parent ?? _node, GlusterDirectoryTable.DotDotCookie);
            }
            else if (_node.Entries!.Next(_cookie) is { } next)
            {
                (name, node, cookie) = next;
            }
            else
            {
                _cookie = long.MaxValue;
                return null;
            }

            bool last = cookie != DotCookie && _node.Entries!.Next(cookie) is null;
            _cookie = last ? long.MaxValue : cookie;
            GlusterStat? stat = WithStat ? _fs.StatOf(node) : null;
            return new GlusterDirectoryEntry(_volume, Path, name, node.Inode, node.Type, stat);
        }
    }

    /// <inheritdoc />
    public long Tell()
    {
        lock (Enter("glfs_telldir"))
        {
            return _cookie;
        }
    }

    /// <inheritdoc />
    public void Seek(long position)
    {
        lock (Enter("glfs_seekdir"))
        {
            _cookie = position;
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_fs.Lock)
        {
            if (_closed)
            {
                return;
            }

            Volatile.Write(ref _closed, true);
            _fs.Release(_node);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    /// <inheritdoc />
    public IEnumerator<GlusterDirectoryEntry> GetEnumerator()
    {
        while (ReadNext() is { } entry)
        {
            yield return entry;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Lock Enter(string op)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        ObjectDisposedException.ThrowIf(_volume.IsDisposed, _volume);
        if (_volume.MountGeneration != _generation || !_volume.IsMounted)
        {
            throw StorageErrors.Create(Errno.ENOTCONN, op, Path, $"{op} failed: the volume was unmounted.");
        }

        return _fs.Lock;
    }
}
