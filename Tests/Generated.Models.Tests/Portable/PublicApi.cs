using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Generated.Models.Tests.Portable;

/// <summary>
/// The public surface of an assembly read from its metadata (no loading, so a netstandard build is read as it is): one
/// line per public or protected type and member, with types named by namespace and name only (the same type may come
/// from another assembly on another target: <c>TimeProvider</c> is in the BCL on net8.0 and in Microsoft.Bcl.TimeProvider
/// on netstandard).
/// </summary>
internal static class PublicApi
{
    /// <summary>The sorted lines of <paramref name="assemblyPath"/>'s public surface.</summary>
    public static SortedSet<string> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var provider = new NameProvider(reader);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type))
            {
                continue;
            }
            var name = provider.TypeName(handle);
            lines.Add($"type {name} {Kind(type.Attributes)}");
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (!IsVisibleMember(method.Attributes & MethodAttributes.MemberAccessMask))
                {
                    continue;
                }
                var signature = method.DecodeSignature(provider, null);
                var arity = method.GetGenericParameters().Count;
                var isStatic = (method.Attributes & MethodAttributes.Static) != 0 ? "static " : "";
                lines.Add($"method {name}.{isStatic}{reader.GetString(method.Name)}{(arity > 0 ? $"`{arity}" : "")}({string.Join(", ", signature.ParameterTypes)}) : {signature.ReturnType}");
            }
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var access = (MethodAttributes)(int)(field.Attributes & FieldAttributes.FieldAccessMask);
                if (IsVisibleMember(access))
                {
                    lines.Add($"field {name}.{reader.GetString(field.Name)} : {field.DecodeSignature(provider, null)}");
                }
            }
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                var accessors = property.GetAccessors();
                var getter = accessors.Getter.IsNil ? default : reader.GetMethodDefinition(accessors.Getter);
                var setter = accessors.Setter.IsNil ? default : reader.GetMethodDefinition(accessors.Setter);
                var visible = (!accessors.Getter.IsNil && IsVisibleMember(getter.Attributes & MethodAttributes.MemberAccessMask))
                    || (!accessors.Setter.IsNil && IsVisibleMember(setter.Attributes & MethodAttributes.MemberAccessMask));
                if (visible)
                {
                    var signature = property.DecodeSignature(provider, null);
                    lines.Add($"property {name}.{reader.GetString(property.Name)}[{string.Join(", ", signature.ParameterTypes)}] : {signature.ReturnType}");
                }
            }
            foreach (var eventHandle in type.GetEvents())
            {
                var @event = reader.GetEventDefinition(eventHandle);
                var adder = @event.GetAccessors().Adder;
                if (!adder.IsNil && IsVisibleMember(reader.GetMethodDefinition(adder).Attributes & MethodAttributes.MemberAccessMask))
                {
                    lines.Add($"event {name}.{reader.GetString(@event.Name)}");
                }
            }
        }
        return lines;
    }

    private static bool IsVisibleMember(MethodAttributes access) =>
        access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        return visibility switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem =>
                IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType())),
            _ => false,
        };
    }

    private static string Kind(TypeAttributes attributes) =>
        (attributes & TypeAttributes.Interface) != 0 ? "interface"
        : (attributes & (TypeAttributes.Abstract | TypeAttributes.Sealed)) == (TypeAttributes.Abstract | TypeAttributes.Sealed) ? "static"
        : (attributes & TypeAttributes.Abstract) != 0 ? "abstract"
        : (attributes & TypeAttributes.Sealed) != 0 ? "sealed"
        : "open";

    /// <summary>Names types in signatures by namespace and name, without their assembly.</summary>
    private sealed class NameProvider(MetadataReader reader) : ISignatureTypeProvider<string, object?>
    {
        public string TypeName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            return type.GetDeclaringType().IsNil
                ? Qualify(reader.GetString(type.Namespace), name)
                : TypeName(type.GetDeclaringType()) + "+" + name;
        }

        private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(handle);
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = r.GetTypeReference(handle);
            var name = r.GetString(type.Name);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? GetTypeFromReference(r, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind) + "+" + name
                : Qualify(r.GetString(type.Namespace), name);
        }
        public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(", ", typeArguments) + ">";
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        // modreq/modopt (IsExternalInit on init setters, IsReadOnlyAttribute on in parameters) name a polyfilled type
        // on netstandard; what the member takes is the unmodified type.
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr(" + string.Join(", ", signature.ParameterTypes) + ") : " + signature.ReturnType;
    }
}
