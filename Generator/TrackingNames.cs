namespace Generated.Generator;

/// <summary>Names of the incremental steps, so tests can assert that they stay cached.</summary>
internal static class TrackingNames
{
    public const string Declarations = nameof(Declarations);
    public const string Models = nameof(Models);
    public const string ValidModels = nameof(ValidModels);
    public const string InvalidModels = nameof(InvalidModels);
    public const string LanguageSupported = nameof(LanguageSupported);
}
