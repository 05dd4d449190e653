namespace Generated.Generator.Tests.Package;

/// <summary>
/// Tests whose nested <c>dotnet</c> builds and packs write the repository's own projects (the runtime, generator and
/// analyzer outputs) run one after another, so two of them never write the same obj/ and bin/ files at once.
/// </summary>
[CollectionDefinition(nameof(RepositoryBuildCollection))]
public sealed class RepositoryBuildCollection;
