using System;

namespace Generated.IO;

/// <summary>A file is not a well-formed safetensors file; the message says what is wrong and where.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public SafeTensorsFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the parser error that caused it.</summary>
    public SafeTensorsFormatException(string message, Exception inner) : base(message, inner) { }
}
