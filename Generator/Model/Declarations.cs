namespace Generated.Model;

/// <summary>Where one argument of a layer attribute was written (for diagnostics on that argument).</summary>
/// <param name="Argument">The attribute property it sets, e.g. <c>"Filters"</c>, <c>"Strides"</c>.</param>
internal sealed record ArgumentLocation(string Argument, LocationInfo Location);

/// <summary>
/// One layer attribute as written: every argument already defaulted as the attribute class does,
/// so shape inference never sees Roslyn types. Unused fields keep their defaults.
/// </summary>
internal sealed record LayerDeclaration(LayerKind Kind)
{
    /// <summary>The explicit <c>Name</c>, or null for Keras' automatic name.</summary>
    public string? Name { get; init; }

    /// <summary>Keras' <c>trainable</c> as written (true unless <c>Trainable = false</c>).</summary>
    public bool Trainable { get; init; } = true;

    public int Filters { get; init; }

    public int Units { get; init; }

    public int KernelHeight { get; init; }

    public int KernelWidth { get; init; }

    public int PoolHeight { get; init; }

    public int PoolWidth { get; init; }

    public int SizeHeight { get; init; }

    public int SizeWidth { get; init; }

    /// <summary>Target shape of <c>Reshape</c>: rank 1 (Channels = length) or 3.</summary>
    public TensorShape Target { get; init; }

    /// <summary>Strides as written; 0 on pooling means "the pool size".</summary>
    public int Strides { get; init; } = 1;

    /// <summary><c>StridesHeight</c> as written; 0 when not written (then <see cref="Strides"/> applies to the rows).</summary>
    public int StridesHeight { get; init; }

    /// <summary><c>StridesWidth</c> as written; 0 when not written (then <see cref="Strides"/> applies to the columns).</summary>
    public int StridesWidth { get; init; }

    public PaddingKind Padding { get; init; }

    public int DilationRate { get; init; } = 1;

    public ActivationKind Activation { get; init; }

    public bool UseBias { get; init; } = true;

    public double Rate { get; init; }

    public double Momentum { get; init; } = 0.99;

    public double Epsilon { get; init; } = 0.001;

    public double Alpha { get; init; } = 0.3;

    public InterpolationKind Interpolation { get; init; }

    /// <summary>
    /// Arguments only one kind has, as that kind's rule reads them (<see cref="Generated.Generator.LayerRule.Read"/>) into a
    /// record of its own, so a new layer adds no field here and the declaration stays an equatable value; null when none.
    /// </summary>
    public LayerOptions? Options { get; init; }

    /// <summary>Layer names a merge (<c>Add</c>, <c>Concatenate</c>, ...) takes: one merges it with the main input, more are exactly its inputs.</summary>
    public EquatableArray<string> MergeWith { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The <c>Input</c> argument: the earlier layer (or <c>"input"</c>) read instead of the previous one; null when not written.</summary>
    public string? Input { get; init; }

    /// <summary>The whole attribute (null in the generator's copy, which does not report).</summary>
    public LocationInfo? Location { get; init; }

    public EquatableArray<ArgumentLocation> ArgumentLocations { get; init; } = EquatableArray<ArgumentLocation>.Empty;

    /// <summary>The attribute's name as a user writes it, e.g. <c>Conv2D</c>.</summary>
    public string AttributeName => Kind.ToString();

    /// <summary>The location of <paramref name="argument"/> if it was written, else of the attribute.</summary>
    public LocationInfo? LocationOf(string argument)
    {
        foreach (var candidate in ArgumentLocations)
        {
            if (candidate.Argument == argument)
            {
                return candidate.Location;
            }
        }
        return Location;
    }
}

/// <summary>The base of a rule's own argument record (compared by value, as records are).</summary>
internal abstract record LayerOptions;

/// <summary>A type that encloses the network class (nested networks must have partial parents).</summary>
internal sealed record ContainingType(string Keyword, string Name, bool IsPartial)
{
    /// <summary>The identifier of the enclosing declaration (analyzers only; null in the generator's copy).</summary>
    public LocationInfo? IdentifierLocation { get; init; }
}

/// <summary>Everything read from one <c>[Network]</c> class, as plain values.</summary>
internal sealed record NetworkDeclaration(
    string? Namespace,
    string TypeName,
    string Accessibility,
    EquatableArray<ContainingType> ContainingTypes,
    TensorShape Input,
    EquatableArray<LayerDeclaration> Layers)
{
    public bool IsPartial { get; init; } = true;

    public bool IsGeneric { get; init; }

    public bool IsStatic { get; init; }

    /// <summary>Layer attributes sit on more than one partial declaration, so their order is undefined.</summary>
    public bool LayersSplitAcrossDeclarations { get; init; }

    /// <summary>Some attribute did not bind (half-typed code): the compiler reports it; we stay silent.</summary>
    public bool HasBindingErrors { get; init; }

    public LocationInfo? NetworkLocation { get; init; }

    public EquatableArray<ArgumentLocation> NetworkArgumentLocations { get; init; } = EquatableArray<ArgumentLocation>.Empty;

    /// <summary>The <c>[Network]</c> budgets (<c>MaxParameters</c>, ...); 0 where none was set.</summary>
    public NetworkBudgets Budgets { get; init; } = NetworkBudgets.None;

    public LocationInfo? IdentifierLocation { get; init; }

    /// <summary>The fully qualified name used in messages and hint names.</summary>
    public string FullName => Namespace is null ? TypeName : Namespace + "." + TypeName;
}

/// <summary>The optional limits of <c>[Network(..., MaxParameters = ..., MaxMultiplyAdds = ..., MaxActivationBytes = ...)]</c>; 0 is no limit.</summary>
internal sealed record NetworkBudgets(long MaxParameters, long MaxMultiplyAdds, long MaxActivationBytes)
{
    public static readonly NetworkBudgets None = new(0, 0, 0);
}
