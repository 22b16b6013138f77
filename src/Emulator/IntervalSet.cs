namespace StorageKit.Emulator;

/// <summary>
/// A set of byte ranges kept as sorted, disjoint, non-adjacent [start, end) intervals (Ceph's
/// <c>interval_set</c>): what RADOS and librbd use for clone overlaps and diffs. Not thread-safe.
/// </summary>
internal sealed class IntervalSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    public IntervalSet()
    {
    }

    public IntervalSet(long start, long length) => Add(start, length);

    public IReadOnlyList<(long Start, long End)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Count == 0;

    public IntervalSet Copy()
    {
        var copy = new IntervalSet();
        copy._ranges.AddRange(_ranges);
        return copy;
    }

    /// <summary>Adds [start, start + length), merging with what it touches.</summary>
    public void Add(long start, long length)
    {
        if (length <= 0)
        {
            return;
        }

        long end = start + length;
        int i = 0;
        while (i < _ranges.Count && _ranges[i].End < start)
        {
            i++;
        }

        int j = i;
        while (j < _ranges.Count && _ranges[j].Start <= end)
        {
            start = Math.Min(start, _ranges[j].Start);
            end = Math.Max(end, _ranges[j].End);
            j++;
        }

        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (start, end));
    }

    public void Add(IntervalSet other)
    {
        foreach (var (start, end) in other._ranges)
        {
            Add(start, end - start);
        }
    }

    /// <summary>Removes [start, start + length).</summary>
    public void Subtract(long start, long length)
    {
        if (length <= 0)
        {
            return;
        }

        long end = start + length;
        for (int i = _ranges.Count - 1; i >= 0; i--)
        {
            var (s, e) = _ranges[i];
            if (e <= start || s >= end)
            {
                continue;
            }

            _ranges.RemoveAt(i);
            if (e > end)
            {
                _ranges.Insert(i, (end, e));
            }

            if (s < start)
            {
                _ranges.Insert(i, (s, start));
            }
        }
    }

    public void Subtract(IntervalSet other)
    {
        foreach (var (start, end) in other._ranges)
        {
            Subtract(start, end - start);
        }
    }

    /// <summary>Keeps only what also lies in <paramref name="other"/>.</summary>
    public void IntersectWith(IntervalSet other)
    {
        var result = new List<(long, long)>();
        int i = 0;
        int j = 0;
        while (i < _ranges.Count && j < other._ranges.Count)
        {
            long start = Math.Max(_ranges[i].Start, other._ranges[j].Start);
            long end = Math.Min(_ranges[i].End, other._ranges[j].End);
            if (start < end)
            {
                result.Add((start, end));
            }

            if (_ranges[i].End < other._ranges[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        _ranges.Clear();
        _ranges.AddRange(result);
    }

    /// <summary>Keeps only what lies in [start, start + length).</summary>
    public void IntersectWith(long start, long length) => IntersectWith(new IntervalSet(start, length));
}
