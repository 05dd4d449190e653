using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Model;

/// <summary>
/// The oldest C# the generated code is written for: C# 9, the language of Unity 2021.2 to Unity 6. The tests
/// compile every generated file at this version; below it the generator adds nothing and the analyzer reports
/// NNG0110 at <c>[Network]</c>, so a project gets one clear error instead of the compiler's errors in code it did not write.
/// </summary>
internal static class LanguageSupport
{
    /// <summary>The oldest language version the generated code compiles with.</summary>
    public const LanguageVersion Minimum = LanguageVersion.CSharp9;

    /// <summary>Whether code compiled with <paramref name="options"/> may receive generated members.</summary>
    public static bool IsSupported(ParseOptions? options) => options is not CSharpParseOptions csharp || IsSupported(csharp.LanguageVersion);

    /// <summary>Whether <paramref name="version"/> (already mapped from Default/Latest) is <see cref="Minimum"/> or newer.</summary>
    public static bool IsSupported(LanguageVersion version) => version >= Minimum;
}
