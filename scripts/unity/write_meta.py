"""Writes a Unity .meta file beside every file and folder of a package (scripts/unity-package.sh calls it).

The GUID is the MD5 of the package name and the path inside the package, so rebuilding the package keeps every GUID
(Unity links assets by GUID). DLLs under Runtime/Analyzers are Roslyn analyzers: label RoslynAnalyzer, enabled for no
platform (Unity's manual, "Roslyn analyzers and source generators"); other DLLs are plugins for every platform.
"""
import hashlib
import os
import sys

PACKAGE = "com.generated.runtime"

ANALYZER = """PluginImporter:
  externalObjects: {{}}
  serializedVersion: 2
  iconMap: {{}}
  executionOrder: {{}}
  defineConstraints: []
  isPreloaded: 0
  isOverridable: 0
  isExplicitlyReferenced: 0
  validateReferences: 1
  platformData:
  - first:
      : Any
    second:
      enabled: 0
      settings:
        Exclude Editor: 1
        Exclude Linux64: 1
        Exclude OSXUniversal: 1
        Exclude Win: 1
        Exclude Win64: 1
  - first:
      Any: 
    second:
      enabled: 0
      settings: {{}}
  - first:
      Editor: Editor
    second:
      enabled: 0
      settings:
        CPU: AnyCPU
        DefaultValueInitialized: true
        OS: AnyOS
  userData: 
  assetBundleName: 
  assetBundleVariant: 
"""

PLUGIN = """PluginImporter:
  externalObjects: {{}}
  serializedVersion: 2
  iconMap: {{}}
  executionOrder: {{}}
  defineConstraints: []
  isPreloaded: 0
  isOverridable: 0
  isExplicitlyReferenced: 0
  validateReferences: 1
  platformData:
  - first:
      Any: 
    second:
      enabled: 1
      settings: {{}}
  - first:
      Editor: Editor
    second:
      enabled: 0
      settings:
        DefaultValueInitialized: true
  userData: 
  assetBundleName: 
  assetBundleVariant: 
"""

IMPORTERS = {
    ".cs": "MonoImporter:\n  externalObjects: {{}}\n  serializedVersion: 2\n  defaultReferences: []\n  executionOrder: 0\n  icon: {{instanceID: 0}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    ".asmdef": "AssemblyDefinitionImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    ".json": "TextScriptImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    ".md": "TextScriptImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    ".xml": "TextScriptImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
    ".bytes": "TextScriptImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n",
}

FOLDER = "folderAsset: yes\nDefaultImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"


def guid(relative):
    return hashlib.md5(f"{PACKAGE}/{relative}".encode("utf-8")).hexdigest()


def importer(relative, is_folder):
    if is_folder:
        return FOLDER
    if relative == "package.json":
        return "PackageManifestImporter:\n  externalObjects: {{}}\n  userData: \n  assetBundleName: \n  assetBundleVariant: \n"
    extension = os.path.splitext(relative)[1].lower()
    if extension == ".dll":
        return ANALYZER if relative.startswith("Runtime/Analyzers/") else PLUGIN
    if extension not in IMPORTERS:
        sys.exit(f"write_meta.py: no importer known for {relative}")
    return IMPORTERS[extension]


def write(package, relative, is_folder):
    labels = "labels:\n- RoslynAnalyzer\n" if relative.startswith("Runtime/Analyzers/") and relative.endswith(".dll") else ""
    text = f"fileFormatVersion: 2\nguid: {guid(relative)}\n{labels}" + importer(relative, is_folder).format()
    with open(os.path.join(package, relative) + ".meta", "w", encoding="utf-8", newline="\n") as meta:
        meta.write(text)


def main(package):
    for directory, folders, files in os.walk(package):
        for name in sorted(folders):
            write(package, os.path.relpath(os.path.join(directory, name), package).replace(os.sep, "/"), True)
        for name in sorted(files):
            if not name.endswith(".meta"):
                write(package, os.path.relpath(os.path.join(directory, name), package).replace(os.sep, "/"), False)


if __name__ == "__main__":
    main(sys.argv[1])
