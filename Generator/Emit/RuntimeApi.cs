namespace Generated.Generator;

/// <summary>
/// Every runtime type and member that generated code names, fully qualified (never ambiguous with user types).
/// The one place to change when a runtime type moves namespace: nothing else in the generator spells a runtime name.
/// </summary>
internal static class RuntimeApi
{
    // Kernels: the public facades generated forward and backward passes call.

    public const string Conv2D = "global::Generated.Kernels.Conv2D";
    public const string DirectConv2D = "global::Generated.Kernels.DirectConv2D";
    public const string WinogradConv2D = "global::Generated.Kernels.WinogradConv2D";
    public const string Conv2DTranspose = "global::Generated.Kernels.Conv2DTranspose";
    public const string Dense = "global::Generated.Kernels.Dense";
    public const string MaxPool2D = "global::Generated.Kernels.MaxPool2D";
    public const string AveragePool2D = "global::Generated.Kernels.AveragePool2D";
    public const string GlobalAveragePool2D = "global::Generated.Kernels.GlobalAveragePool2D";
    public const string GlobalMaxPool2D = "global::Generated.Kernels.GlobalMaxPool2D";
    public const string UpSampling2D = "global::Generated.Kernels.UpSampling2D";
    public const string ZeroPadding2D = "global::Generated.Kernels.ZeroPadding2D";
    public const string Cropping2D = "global::Generated.Kernels.Cropping2D";
    public const string MinPool2D = "global::Generated.Kernels.MinPool2D";
    public const string DepthwiseConv2D = "global::Generated.Kernels.DepthwiseConv2D";
    public const string SeparableConv2D = "global::Generated.Kernels.SeparableConv2D";
    public const string GroupedConv2D = "global::Generated.Kernels.GroupedConv2D";
    public const string Dropout = "global::Generated.Kernels.Dropout";
    public const string BatchNormalization = "global::Generated.Kernels.BatchNormalization";
    public const string LayerNormalization = "global::Generated.Kernels.LayerNormalization";
    public const string Activations = "global::Generated.Kernels.Activations";
    public const string Merge = "global::Generated.Kernels.Merge";
    public const string MaxUnpool2D = "global::Generated.Kernels.MaxUnpool2D";
    public const string Rescaling = "global::Generated.Kernels.Rescaling";
    public const string Normalization = "global::Generated.Kernels.Normalization";
    public const string ImageTransform = "global::Generated.Kernels.ImageTransform";
    public const string RandomTransforms = "global::Generated.Kernels.RandomTransforms";
    public const string SpatialDropout2D = "global::Generated.Kernels.SpatialDropout2D";
    public const string GroupNormalization = "global::Generated.Kernels.GroupNormalization";
    public const string PReLU = "global::Generated.Kernels.PReLU";

    /// <summary>Keras' default <c>"leaky_relu"</c> slope, used when an activation argument says LeakyRelu.</summary>
    public const string LeakyReluAlpha = "global::Generated.Kernels.Activations.LeakyReluAlpha";

    /// <summary>The thread-count option named in generated doc comments.</summary>
    public const string KernelOptionsMaxThreads = "global::Generated.Kernels.KernelOptions.MaxThreads";

    // Geometry structs (constructed with named arguments: the parameter names below are the constructors').

    public const string Conv2DGeometry = "global::Generated.Kernels.Conv2DGeometry";
    public const string Pool2DGeometry = "global::Generated.Kernels.Pool2DGeometry";
    public const string UpSampling2DGeometry = "global::Generated.Kernels.UpSampling2DGeometry";
    public const string Padding2DGeometry = "global::Generated.Kernels.Padding2DGeometry";
    public const string Cropping2DGeometry = "global::Generated.Kernels.Cropping2DGeometry";
    public const string DepthwiseConv2DGeometry = "global::Generated.Kernels.DepthwiseConv2DGeometry";
    public const string SeparableConv2DGeometry = "global::Generated.Kernels.SeparableConv2DGeometry";
    public const string PReLUGeometry = "global::Generated.Kernels.PReLUGeometry";

    // Plumbing that generated code needs but users never call.

    public const string PackedKernel = "global::Generated.CompilerServices.PackedKernel";
    public const string PackedWeightState = "global::Generated.CompilerServices.PackedWeightState";

    /// <summary>The sequence lock that keeps a concurrent LoadWeights and Predict apart.</summary>
    public const string WeightVersion = "global::Generated.CompilerServices.WeightVersion";
    public const string TensorSpec = "global::Generated.CompilerServices.TensorSpec";
    public const string WeightFile = "global::Generated.CompilerServices.WeightFile";
    public const string SampleParallel = "global::Generated.CompilerServices.SampleParallel";
    public const string Workspace = "global::Generated.CompilerServices.Workspace";
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

    /// <summary>The <c>FlipMode</c> enum, with the trailing dot.</summary>
    public const string FlipModeMember = "global::Generated.FlipMode.";

    /// <summary>The <c>FillMode</c> enum, with the trailing dot.</summary>
    public const string FillModeMember = "global::Generated.FillMode.";

    /// <summary>The <c>Interpolation</c> enum, with the trailing dot.</summary>
    public const string InterpolationMember = "global::Generated.Interpolation.";

    // Base class library.

    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string InvalidOperationException = "global::System.InvalidOperationException";

    /// <summary>Reinterprets a span of forward-buffer floats as the ints a kernel keeps there (max-pool positions).</summary>
    public static string AsInts(string floats) => $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>({floats})";
}
