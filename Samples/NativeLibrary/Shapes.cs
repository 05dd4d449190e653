namespace GeneratedMnist.Native;

/// <summary>Copies a shape into a caller's int32 array after checking it fits.</summary>
internal static unsafe class Shapes
{
    /// <summary>Writes the rank (when <paramref name="rank"/> is not null) and the dimensions (when they fit).</summary>
    public static Status Write(string function, int[] dimensions, int* shape, nuint capacity, nuint* rank)
    {
        try
        {
            if (rank is not null)
            {
                *rank = (nuint)dimensions.Length;
            }

            if (shape is null)
            {
                return LastError.Set(Status.NullArgument, $"{function}: shape is NULL.");
            }

            if (capacity < (nuint)dimensions.Length)
            {
                return LastError.Set(Status.BadLength, $"{function}: capacity is {capacity}; the shape has {dimensions.Length} dimensions.");
            }

            dimensions.AsSpan().CopyTo(new Span<int>(shape, dimensions.Length));
            return Status.Ok;
        }
        catch (Exception exception)
        {
            return LastError.Set(Status.Internal, $"{function}: {exception.Message}");
        }
    }
}
