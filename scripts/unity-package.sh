#!/usr/bin/env bash
# Builds the Unity package (UPM layout) of the runtime into artifacts/unity/com.generated.runtime, or into the folder
# given as the first argument. docs/EMBEDDING.md ("Unity") says how to add it to a project and what was verified.
#
#   Runtime/Plugins/    the netstandard2.1 Generated.dll and the dependencies Unity 2021.2+ does not already have
#   Runtime/Analyzers/  the source generator and analyzers, labelled RoslynAnalyzer and enabled for no platform
#   Runtime/            Generated.Unity.asmdef + TextureInput.cs; assemblies that reference Generated.Unity get the generator
#   Samples~/MnistClassifier  a MonoBehaviour classifying a 28x28 texture with the MNIST convnet, plus its trained weights
# Every file and folder gets a .meta whose GUID is derived from its path in the package (stable across builds).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/unity/com.generated.runtime}"
configuration=Release

# The generator and analyzer builds the package carries, relative to the repository root: the oldest one, Roslyn 3.9
# (ISourceGenerator), which any compiler from 3.9 on loads (Unity 6 and the 2022.3 editors that ship Roslyn 4.x);
# docs/EMBEDDING.md, "Unity", says why not 3.8.
roslyn_build="Analyzers/Roslyn3.9/Generated.Analyzers.Roslyn3.9.csproj"
generator_dlls=(
    "Generator/bin/$configuration/roslyn3.9/Generated.Generator.dll"
    "Generator/bin/$configuration/roslyn3.9/Generated.Analyzers.dll"
)

# Dependencies of the netstandard2.1 build that Unity 2021.2+ has in its own .NET Standard 2.1 profile: not shipped
# (a second copy makes Unity report duplicate assemblies).
in_unity_profile=(System.Memory.dll System.Buffers.dll System.Numerics.Vectors.dll System.Threading.Tasks.Extensions.dll)

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
publish="$(mktemp -d)"
trap 'rm -rf "$publish"' EXIT

echo "Building the netstandard2.1 runtime and the generator ($configuration)..."
dotnet publish "$root/Runtime/Generated.Runtime.csproj" -c "$configuration" -f netstandard2.1 -o "$publish" \
    -p:UseSharedCompilation=false -nodeReuse:false -v quiet -nologo
dotnet build "$root/$roslyn_build" -c "$configuration" -p:UseSharedCompilation=false -nodeReuse:false -v quiet -nologo
for dll in "${generator_dlls[@]}"; do
    [ -f "$root/$dll" ] || { echo "error: $dll is missing after the build" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out/Runtime/Plugins" "$out/Runtime/Analyzers" "$out/Samples~/MnistClassifier"
for dll in "$publish"/*.dll; do
    name="$(basename "$dll")"
    skip=no
    for provided in "${in_unity_profile[@]}"; do [ "$name" = "$provided" ] && skip=yes; done
    [ "$skip" = yes ] || cp "$dll" "$out/Runtime/Plugins/"
done
cp "$publish/Generated.xml" "$out/Runtime/Plugins/"
for dll in "${generator_dlls[@]}"; do cp "$root/$dll" "$out/Runtime/Analyzers/"; done
cp "$root/Samples/Unity/Runtime/TextureInput.cs" "$out/Runtime/"
cp "$root/Samples/Unity/Samples/MnistClassifier/MnistClassifier.cs" "$out/Samples~/MnistClassifier/"
cp "$root/Samples/Unity/Samples/MnistClassifier/MnistConvNet.cs" "$out/Samples~/MnistClassifier/"
# A TextAsset's bytes: Unity imports binary files as TextAssets only with the .bytes extension.
cp "$root/Samples/MnistWeights/mnist_convnet.safetensors" "$out/Samples~/MnistClassifier/mnist_convnet.bytes"

cat > "$out/package.json" <<JSON
{
  "name": "com.generated.runtime",
  "version": "$version",
  "displayName": "Generated",
  "description": "Convolutional networks declared as attribute-annotated partial classes; a source generator writes their forward and backward code over a vectorized runtime (netstandard2.1 build, System.Numerics.Vector<T> kernels).",
  "unity": "2021.2",
  "author": { "name": "Generated contributors" },
  "license": "MIT",
  "samples": [
    {
      "displayName": "MNIST classifier",
      "description": "A MonoBehaviour that classifies a 28x28 texture of a handwritten digit with the trained MNIST convnet.",
      "path": "Samples~/MnistClassifier"
    }
  ]
}
JSON

# Generated.Unity: TextureInput plus the scope of the analyzers beside it (Unity applies a labelled analyzer to the
# assembly of the asmdef above it and to the assemblies that reference that one). References the runtime explicitly.
precompiled="$(cd "$out/Runtime/Plugins" && ls *.dll | sed 's/.*/    "&"/' | paste -sd, - | sed 's/,/,\n/g')"
cat > "$out/Runtime/Generated.Unity.asmdef" <<JSON
{
  "name": "Generated.Unity",
  "rootNamespace": "Generated.Unity",
  "references": [],
  "includePlatforms": [],
  "excludePlatforms": [],
  "allowUnsafeCode": false,
  "overrideReferences": true,
  "precompiledReferences": [
$precompiled
  ],
  "autoReferenced": true,
  "defineConstraints": [],
  "versionDefines": [],
  "noEngineReferences": false
}
JSON
cat > "$out/Samples~/MnistClassifier/Generated.Samples.Mnist.asmdef" <<JSON
{
  "name": "Generated.Samples.Mnist",
  "rootNamespace": "Generated.Samples.Mnist",
  "references": [ "Generated.Unity" ],
  "overrideReferences": true,
  "precompiledReferences": [ "Generated.dll" ],
  "allowUnsafeCode": false,
  "autoReferenced": true
}
JSON
cp "$root/Samples/Unity/README.md" "$out/README.md"

python3 "$root/scripts/unity/write_meta.py" "$out"
echo "Unity package: $out"
