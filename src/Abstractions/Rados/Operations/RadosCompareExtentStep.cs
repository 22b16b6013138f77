namespace StorageKit.Rados;

/// <summary>
/// A compare-extent step (<c>rados_*_op_cmpext</c>). Bytes past the end of the object compare as zeros; a mismatch
/// at offset <c>n</c> of the compared extent makes <see cref="RadosOperationStep.ReturnCode"/>
/// <c>-(MAX_ERRNO + n)</c> and fails the operation with a <see cref="StorageComparisonException"/>.
/// </summary>
public sealed class RadosCompareExtentStep : RadosOperationStep
{
    internal RadosCompareExtentStep(RadosOperation operation)
        : base(operation, RadosStepKind.CompareExtent)
    {
    }

    /// <summary>The offset (relative to the compared extent) of the first differing byte; null when the step matched or did not run.</summary>
    public long? MismatchOffset
    {
        get
        {
            ThrowIfNotComplete();
            return ReturnCode <= -(int)Errno.MAX_ERRNO ? -(long)ReturnCode.Value - (int)Errno.MAX_ERRNO : null;
        }
    }
}
