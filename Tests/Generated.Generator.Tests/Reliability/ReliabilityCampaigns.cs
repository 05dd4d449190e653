namespace Generated.Generator.Tests.Reliability;

/// <summary>The campaigns run one at a time: each compiles on every core, and the half-typed campaign bounds wall-clock time per edit.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCampaigns
{
    public const string Name = "Reliability campaigns";
}
