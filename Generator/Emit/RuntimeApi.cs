namespace Generated.Generator;

/// <summary>
/// Every runtime type and member that generated code names, fully qualified (never ambiguous with user types).
/// The one place to change when a runtime type moves namespace: nothing else in the generator spells a runtime name.
/// </summary>
internal static class RuntimeApi
{
    // Kernels: the public facades generated forward and backward passes call.

    public const string Conv2D = "global::Generated.Kernels.Conv2D";
    public const string Conv2DTranspose = "global::Generated.Kernels.Conv2DTranspose";
    public const string Dense = "global::Generated.Kernels.Dense";
    public const string MaxPool2D = "global::Generated.Kernels.MaxPool2D";
    public const string AveragePool2D = "global::Generated.Kernels.AveragePool2D";
    public const string GlobalAveragePool2D = "global::Generated.Kernels.GlobalAveragePool2D";
    public const string GlobalMaxPool2D = "global::Generated.Kernels.GlobalMaxPool2D";
    public const string UpSampling2D = "global::Generated.Kernels.UpSampling2D";
    public const string ZeroPadding2D = "global::Generated.Kernels.ZeroPadding2D";
    public const string Dropout = "global::Generated.Kernels.Dropout";
    public const string BatchNormalization = "global::Generated.Kernels.BatchNormalization";
    public const string LayerNormalization = "global::Generated.Kernels.LayerNormalization";
    public const string Activations = "global::Generated.Kernels.Activations";
    public const string Merge = "global::Generated.Kernels.Merge";

    /// <summary>Keras' default <c>"leaky_relu"</c> slope, used when an activation argument says LeakyRelu.</summary>
    public const string LeakyReluAlpha = "global::Generated.Kernels.Activations.LeakyReluAlpha";

    /// <summary>The thread-count option named in generated doc comments.</summary>
    public const string KernelOptionsMaxThreads = "global::Generated.Kernels.KernelOptions.MaxThreads";

    // Geometry structs (constructed with named arguments: the parameter names below are the constructors').

    public const string Conv2DGeometry = "global::Generated.Kernels.Conv2DGeometry";
    public const string Pool2DGeometry = "global::Generated.Kernels.Pool2DGeometry";
    public const string UpSampling2DGeometry = "global::Generated.Kernels.UpSampling2DGeometry";
    public const string Padding2DGeometry = "global::Generated.Kernels.Padding2DGeometry";

    // Plumbing that generated code needs but users never call.

    public const string PackedKernel = "global::Generated.CompilerServices.PackedKernel";
    public const string PackedWeightState = "global::Generated.CompilerServices.PackedWeightState";
    public const string TensorSpec = "global::Generated.CompilerServices.TensorSpec";
    public const string WeightFile = "global::Generated.CompilerServices.WeightFile";
    public const string SampleParallel = "global::Generated.CompilerServices.SampleParallel";
    public const string IChunkedPredictor = "global::Generated.CompilerServices.IChunkedPredictor";
    public const string LayerTrainability = "global::Generated.CompilerServices.LayerTrainability";
    public const string Initializers = "global::Generated.Initializers";
    public const string SeededRandom = "global::Generated.SeededRandom";

    // User-facing types generated members expose.

    public const string INetwork = "global::Generated.INetwork";
    public const string ITrainableLayers = "global::Generated.ITrainableLayers";
    public const string WeightLoadOptions = "global::Generated.IO.WeightLoadOptions";
    public const string WeightLoadReport = "global::Generated.IO.WeightLoadReport";
    public const string TensorShape = "global::Generated.TensorShape";
    public const string ParameterView = "global::Generated.ParameterView";
    public const string LayerInfo = "global::Generated.LayerInfo";
    public const string WeightFileException = "global::Generated.IO.WeightFileException";

    /// <summary>The <c>Activation</c> enum, with the trailing dot: <c>Activation + "Relu"</c>.</summary>
    public const string ActivationMember = "global::Generated.Activation.";

    /// <summary>The <c>Interpolation</c> enum, with the trailing dot.</summary>
    public const string InterpolationMember = "global::Generated.Interpolation.";

    // Base class library.

    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
}
