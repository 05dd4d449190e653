using System;

namespace Generated.Distributed;

/// <summary>An MPI call returned an error code (with Open MPI's default handler most errors end the job before this).</summary>
public sealed class MpiException : Exception
{
    /// <summary>Creates the exception for <paramref name="function"/> returning <paramref name="errorCode"/>.</summary>
    public MpiException(string function, int errorCode)
        : base($"{function} failed with MPI error code {errorCode}.")
    {
        Function = function;
        ErrorCode = errorCode;
    }

    /// <summary>The MPI function that failed, e.g. <c>MPI_Allreduce</c>.</summary>
    public string Function { get; }

    /// <summary>The code it returned.</summary>
    public int ErrorCode { get; }
}
