using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The generated file's name: namespace, containing types and the class, so nested and namespaced networks never collide.</summary>
    internal static string HintName(NetworkDeclaration declaration)
    {
        var containing = string.Concat(System.Linq.Enumerable.Select(declaration.ContainingTypes, t => t.Name + "."));
        return (declaration.Namespace is null ? "" : declaration.Namespace + ".") + containing + declaration.TypeName + ".g.cs";
    }
}
