using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Lists a snapshot of a pool taken when the iterator opened, placement group by placement group, so a
/// token (the current group) resumes like librados' hash position does.
/// </summary>
internal sealed class EmulatedObjectIterator : IRadosObjectIterator
{
    private readonly EmulatedRadosIoContext _ioContext;
    private readonly List<(uint Pg, RadosObjectEntry Entry)> _entries;
    private int _next;
    private RadosObjectEntry _current;
    private bool _hasCurrent;
    private bool _disposed;

    public EmulatedObjectIterator(EmulatedRadosIoContext ioContext, List<(uint Pg, RadosObjectEntry Entry)> entries)
    {
        _ioContext = ioContext;
        _entries = entries;
    }

    public RadosObjectEntry Current => _hasCurrent ? _current : throw new InvalidOperationException("No current entry: call MoveNext first, and not past the end.");

    public uint Token
    {
        get
        {
            Live("rados_nobjects_list_get_pg_hash_position");
            return _next < _entries.Count ? _entries[_next].Pg : EmulatedPool.PgCount;
        }
    }

    public bool MoveNext()
    {
        Live("rados_nobjects_list_next2");
        _hasCurrent = _next < _entries.Count;
        if (_hasCurrent)
        {
            _current = _entries[_next++].Entry;
        }

        return _hasCurrent;
    }

    public void Seek(uint token)
    {
        Live("rados_nobjects_list_seek");
        token %= EmulatedPool.PgCount;
        _hasCurrent = false;
        _next = _entries.FindIndex(e => e.Pg >= token);
        if (_next < 0)
        {
            _next = _entries.Count;
        }
    }

    public void Dispose() => _disposed = true;

    private void Live(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ioContext.Live(operation);
    }
}
