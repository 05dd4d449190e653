using System;

namespace Generated.Onnx.Import;

/// <summary>An ONNX model the importer cannot turn into a declaration: corrupt or truncated, unsupported operators, shapes a declaration cannot express.</summary>
public sealed class OnnxImportException : Exception
{
    /// <summary>Creates the exception with a message that names what was wrong.</summary>
    public OnnxImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the cause (a protobuf parse error).</summary>
    public OnnxImportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
