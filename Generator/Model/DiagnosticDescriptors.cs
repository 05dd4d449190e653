using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Generated.Model;

/// <summary>
/// Every diagnostic the analyzers report. IDs are stable: never renumber, only add.
/// Each has a help page at <c>docs/diagnostics/{ID}.md</c>, linked by its absolute repository address.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Generated.Network";

    /// <summary>Absolute address of the help pages' folder, from the MSBuild property <c>RepositoryUrl</c>.</summary>
    public const string HelpBase = RepositoryLinks.DiagnosticsHelp;

    /// <summary>NNG0001: <c>Network class '{0}' must be declared partial so the generator can add its members</c>.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error("NNG0001", "Network class must be partial",
        "Network class '{0}' must be declared partial so the generator can add its members");

    /// <summary>NNG0002: <c>Network class '{0}' cannot be generic or static</c>.</summary>
    public static readonly DiagnosticDescriptor GenericOrStatic = Error("NNG0002", "Network class cannot be generic or static",
        "Network class '{0}' cannot be {1}; declare a non-generic, non-static partial class");

    /// <summary>NNG0003, at the enclosing type's name: <c>Network class '{0}' is nested in '{1}', which must be declared partial too</c>.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("NNG0003", "Containing type must be partial",
        "Network class '{0}' is nested in '{1}', which must be declared partial too");

    /// <summary>NNG0004: <c>Network '{0}' declares no layers</c>.</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error("NNG0004", "Network has no layers",
        "Network '{0}' declares no layers; add layer attributes such as [Conv2D(32, 3)] or [Dense(10)] after [Network]");

    /// <summary>NNG0005: <c>'{0}' has layer attribute [{1}] but no [Network]</c>.</summary>
    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Error("NNG0005", "Layer attribute without [Network]",
        "'{0}' has the layer attribute [{1}] but no [Network(height, width, channels)]; add [Network] to declare the input shape");

    /// <summary>NNG0006: <c>{0} of layer {1} must be positive, but is {2}</c>.</summary>
    public static readonly DiagnosticDescriptor NonPositive = Error("NNG0006", "Size must be positive",
        "{0} of {1} must be positive, but is {2}");

    /// <summary>NNG0007: a kernel (after dilation) larger than its input under Valid padding.</summary>
    public static readonly DiagnosticDescriptor KernelTooLarge = Error("NNG0007", "Kernel larger than its input",
        "{0} kernel {1} does not fit the {2} input of layer {3} (Padding.Valid); use Padding.Same or a smaller kernel");

    /// <summary>NNG0008: a pool window larger than its input under Valid padding.</summary>
    public static readonly DiagnosticDescriptor PoolTooLarge = Error("NNG0008", "Pool larger than its input",
        "{0} pool {1} does not fit the {2} input of layer {3} (Padding.Valid); use Padding.Same or a smaller pool");

    /// <summary>
    /// NNG0009: a spatial layer (convolution, pooling, up-sampling) whose input is a vector, after Flatten,
    /// global pooling or a vector input. The flattening layer's attribute is the additional location.
    /// <c>{0} layer {1} needs a height x width x channels feature map, but its input is the flat vector of {2} values from {3}; {4}</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor NeedsFeatureMap = Error("NNG0009", "Layer needs a feature map",
        "{0} layer {1} needs a height x width x channels feature map, but its input is the flat vector of {2} values from {3}; {4}");

    /// <summary>NNG0010: dropout rate outside [0, 1).</summary>
    public static readonly DiagnosticDescriptor DropoutRate = Error("NNG0010", "Dropout rate out of range",
        "Dropout rate of layer {0} must be in [0, 1), but is {1}");

    /// <summary>NNG0011: strides and dilation both above 1 (Keras rejects it).</summary>
    public static readonly DiagnosticDescriptor StridesWithDilation = Error("NNG0011", "Strides and dilation both above 1",
        "Layer {0} sets Strides = {1} and DilationRate = {2}; a convolution cannot have both above 1 (Keras rejects it), use one of them");

    /// <summary>NNG0012: a merge names a layer that does not exist. <c>{0} layer {1} refers to '{2}', which is not a layer of this network; earlier layers: {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownMergeInput = Error("NNG0012", "Merge names an unknown layer",
        "{0} layer {1} refers to '{2}', which is not a layer of this network; earlier layers: {3}");

    /// <summary>NNG0013: a merge names itself or a later layer. <c>{0} layer {1} refers to '{2}', which is {3}; ...</c>.</summary>
    public static readonly DiagnosticDescriptor LaterMergeInput = Error("NNG0013", "Merge names a later layer",
        "{0} layer {1} refers to '{2}', which is {3}; a merge can only use earlier layers or \"input\"");

    /// <summary>NNG0014: a merge names the same input twice (the previous layer is always an input).</summary>
    public static readonly DiagnosticDescriptor DuplicateMergeInput = Error("NNG0014", "Merge names a layer twice",
        "{0} layer {1} already takes '{2}' as an input{3}; name each earlier layer once");

    /// <summary>NNG0015: merged shapes that do not fit together.</summary>
    public static readonly DiagnosticDescriptor MergeShapeMismatch = Error("NNG0015", "Merged shapes do not match",
        "{0} layer {1} cannot merge {2} from '{3}' with {4} from '{5}': {6}");

    /// <summary>NNG0016: two layers with one name.</summary>
    public static readonly DiagnosticDescriptor DuplicateLayerName = Error("NNG0016", "Duplicate layer name",
        "Layer name '{0}' is already used by layer {1} ({2}); layer names must be unique because they name the weight tensors");

    /// <summary>NNG0017: layer attributes spread over several partial declarations.</summary>
    public static readonly DiagnosticDescriptor LayersSplit = Error("NNG0017", "Layers declared on several partial declarations",
        "Layers of network '{0}' are declared on more than one partial declaration, so their order is undefined; keep [Network] and all layer attributes on one declaration");

    /// <summary>NNG0018: an argument outside its valid range (epsilon, momentum, slope).</summary>
    public static readonly DiagnosticDescriptor ArgumentOutOfRange = Error("NNG0018", "Argument out of range",
        "{0} of layer {1} must be {2}, but is {3}");

    /// <summary>NNG0019: a layer name that cannot be used.</summary>
    public static readonly DiagnosticDescriptor InvalidLayerName = Error("NNG0019", "Invalid layer name",
        "Layer name '{0}' cannot be used: {1}");

    /// <summary>NNG0020: an enum argument that is not a defined value.</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error("NNG0020", "Undefined enum value",
        "{0} of layer {1} is {2}, which is not a defined {3} value");

    /// <summary>NNG0021: Reshape to a different number of values.</summary>
    public static readonly DiagnosticDescriptor ReshapeSize = Error("NNG0021", "Reshape changes the size",
        "Reshape layer {0} cannot turn {1} ({2} values) into {3} ({4} values); the sizes must be equal");

    /// <summary>NNG0022: a merge that names no other layer (Keras needs at least two inputs). <c>{0} layer {1} ...; {2}</c>.</summary>
    public static readonly DiagnosticDescriptor MergeNeedsInput = Error("NNG0022", "Merge names no layer",
        "{0} layer {1} names no layer to merge with the previous output, but a merge needs at least two inputs; {2}");

    /// <summary>NNG0023: a tensor with more values than a span can index. <c>The {0} of {1} would hold {2} values ...</c>, {1} "layer x" or "the network".</summary>
    public static readonly DiagnosticDescriptor TensorTooLarge = Error("NNG0023", "Tensor too large",
        "The {0} of {1} would hold {2} values, more than the 2147483647 a span can index; use smaller sizes");

    /// <summary>NNG0024: a negative padding. <c>{0} of layer {1} must be 0 or more, but is {2}</c>.</summary>
    public static readonly DiagnosticDescriptor NegativePadding = Error("NNG0024", "Padding must not be negative",
        "{0} of layer {1} must be 0 or more, but is {2}; padding can only add zero rows and columns");

    // Branching and max-unpooling (issue 11).

    /// <summary>NNG0026, at the name: <c>Input</c> names no layer. <c>{0} layer {1} reads '{2}', which is not a layer of this network; earlier layers: {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownInputLayer = Error("NNG0026", "Input names an unknown layer",
        "{0} layer {1} reads '{2}', which is not a layer of this network (names are case-sensitive); earlier layers: {3}");

    /// <summary>NNG0027, at the name: <c>Input</c> names the layer itself or a later one. <c>{0} layer {1} reads '{2}', which is {3}; ...</c>.</summary>
    public static readonly DiagnosticDescriptor LaterInputLayer = Error("NNG0027", "Input names the layer itself or a later layer",
        "{0} layer {1} reads '{2}', which is {3}; a layer can only read an earlier layer or \"input\"");

    /// <summary>NNG0028, at the attribute: a layer (not the last) whose output no layer reads. <c>{0} layer {1} ...</c>.</summary>
    public static readonly DiagnosticDescriptor UnreadLayerOutput = new("NNG0028", "Layer output is never read",
        "The output of {0} layer {1} is read by no later layer, so it does not contribute to the network's output (the last layer); read it with Input = \"{1}\" or a merge, or remove the layer",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0028.md");

    /// <summary>NNG0029: a Subtract with other than two inputs. <c>Subtract layer {0} has {1} inputs ({2}), but ...</c>.</summary>
    public static readonly DiagnosticDescriptor SubtractInputCount = Error("NNG0029", "Subtract needs exactly two inputs",
        "Subtract layer {0} has {1} inputs ({2}), but subtracts exactly two; name one layer (the previous output minus it) or two (the first minus the second)");

    /// <summary>NNG0030, at <c>Input</c>: a merge that names two or more layers also sets Input, which it would ignore.</summary>
    public static readonly DiagnosticDescriptor InputOnNamedMerge = Error("NNG0030", "Input on a merge that names its inputs",
        "{0} layer {1} names its inputs ({2}), so Input = \"{3}\" would be ignored; add '{3}' to the names or remove Input");

    /// <summary>NNG0031, at <c>PoolingLayer</c>: max-unpooling without a usable MaxPooling2D. <c>UpSampling2D layer {0}: {1}</c>.</summary>
    public static readonly DiagnosticDescriptor MaxUnpoolingLayer = Error("NNG0031", "Max-unpooling needs an earlier MaxPooling2D",
        "UpSampling2D layer {0} unpools with {1}; name an earlier MaxPooling2D layer with PoolingLayer = \"...\"");

    /// <summary>NNG0032: max-unpooling whose factor or shape does not invert the named pooling. <c>UpSampling2D layer {0} cannot undo MaxPooling2D layer {1}: {2}</c>.</summary>
    public static readonly DiagnosticDescriptor MaxUnpoolingMismatch = Error("NNG0032", "Max-unpooling does not invert its pooling",
        "UpSampling2D layer {0} cannot undo MaxPooling2D layer {1}: {2}");

    /// <summary>NNG0033, at <c>PoolingLayer</c>: PoolingLayer without <c>Interpolation.MaxUnpooling</c>, which would ignore it.</summary>
    public static readonly DiagnosticDescriptor PoolingLayerWithoutMaxUnpooling = Error("NNG0033", "PoolingLayer without max-unpooling",
        "UpSampling2D layer {0} names PoolingLayer '{1}' but interpolates with {2}, which ignores it; set Interpolation = Interpolation.MaxUnpooling or remove PoolingLayer");
    /// <summary>NNG0035, at <c>Groups</c>: groups that do not divide the input channels and the filters. <c>Groups = {0} of layer {1} must divide ...</c>.</summary>
    public static readonly DiagnosticDescriptor GroupsDoNotDivide = Error("NNG0035", "Groups must divide the channels",
        "Groups = {0} of layer {1} must divide both its {2} input channels (input {3}) and its {4} filters; {5}");

    /// <summary>NNG0036: a cropping that leaves no rows or no columns. <c>Cropping2D layer {0} removes {1} of the {2} input, leaving {3}; ...</c>.</summary>
    public static readonly DiagnosticDescriptor CroppingLeavesNothing = Error("NNG0036", "Cropping leaves nothing",
        "Cropping2D layer {0} removes {1} of the {2} input, leaving {3}; crop less so that at least one row and one column remain");

    /// <summary>NNG0037, at <c>OutputPadding</c>: output padding negative or not smaller than a stride (Keras rejects it).</summary>
    public static readonly DiagnosticDescriptor OutputPaddingOutOfRange = Error("NNG0037", "Output padding must be smaller than the stride",
        "OutputPadding of layer {0} is {1}, but must be 0 or more and smaller than the stride ({2}); Keras rejects it, as the extra rows would receive no input");

    /// <summary>NNG0038: a negative cropping. <c>{0} of layer {1} must be 0 or more, but is {2}</c>.</summary>
    public static readonly DiagnosticDescriptor NegativeCropping = Error("NNG0038", "Cropping must not be negative",
        "{0} of layer {1} must be 0 or more, but is {2}; cropping can only remove rows and columns (use ZeroPadding2D to add them)");
    /// <summary>NNG0045: GroupNormalization's groups do not divide the channels.</summary>
    public static readonly DiagnosticDescriptor GroupsDoNotDivideChannels = Error("NNG0045", "Groups must divide the channels",
        "{0} layer {1} splits its {2} channels (input {3}) into {4} groups, which does not divide them; use a divisor of {2}");

    /// <summary>NNG0046: a PReLU shared axis that the input does not have, or one listed twice.</summary>
    public static readonly DiagnosticDescriptor InvalidSharedAxis = Error("NNG0046", "Invalid shared axis",
        "SharedAxes of PReLU layer {0} lists {1}, but its input {2} has the axes {3}, each listed at most once");

    /// <summary>NNG0047: an augmentation factor outside [0, 1].</summary>
    public static readonly DiagnosticDescriptor AugmentationFactor = Error("NNG0047", "Augmentation factor out of range",
        "{0} of {1} layer {2} must be in [0, 1] (a fraction of {3}), but is {4}");

    /// <summary>
    /// NNG0060, at <c>MaxParameters</c>: the model has more parameters than its budget.
    /// <c>Network '{0}' has {1} parameters, over its budget MaxParameters = {2}; layer {3} crosses it ({4} of its own, {5} up to and including it)</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor ParameterBudgetExceeded = Error("NNG0060", "Parameters over budget",
        "Network '{0}' has {1} parameters, over its budget MaxParameters = {2}; layer {3} crosses it ({4} of its own, {5} up to and including it)");

    /// <summary>NNG0061, at <c>MaxMultiplyAdds</c>: one sample's forward pass costs more multiply-adds than the budget.</summary>
    public static readonly DiagnosticDescriptor MultiplyAddBudgetExceeded = Error("NNG0061", "Multiply-adds over budget",
        "Network '{0}' needs {1} multiply-adds per sample, over its budget MaxMultiplyAdds = {2}; layer {3} crosses it ({4} of its own, {5} up to and including it)");

    /// <summary>NNG0062, at <c>MaxActivationBytes</c>: one sample's activations take more bytes than the budget.</summary>
    public static readonly DiagnosticDescriptor ActivationBudgetExceeded = Error("NNG0062", "Activation memory over budget",
        "Network '{0}' writes {1} bytes of activations per sample, over its budget MaxActivationBytes = {2}; layer {3} crosses it ({4} bytes of its own, {5} up to and including it)");

    /// <summary>NNG0063, at the budget argument: a negative budget. <c>{0} of [Network] is {1}; ...</c>.</summary>
    public static readonly DiagnosticDescriptor NegativeBudget = Error("NNG0063", "Budget must not be negative",
        "{0} of [Network] is {1}; a budget is a positive limit (0 or leaving it out sets none)");

    /// <summary>
    /// NNG0100: Valid convolution/pooling strides that leave input rows or columns unused: a warning on convolutions,
    /// reported as an info on pooling (Keras floors pooled sizes on purpose; see <see cref="DiagnosticInfo.Severity"/>).
    /// </summary>
    public static readonly DiagnosticDescriptor UnusedInput = new("NNG0100", "Strides leave input unused",
        "{0} layer {1} with kernel {2} and stride {3} on the {4} input never reads the last {5}; use Padding.Same or change the kernel or stride if that is not intended",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0100.md");

    /// <summary>NNG0101: two convolutions in a row with no nonlinearity collapse into one.</summary>
    public static readonly DiagnosticDescriptor LinearConvolutions = new("NNG0101", "Consecutive linear convolutions",
        "Layers {0} and {1} are convolutions with no nonlinearity between them, so together they are one convolution; give {0} an activation if you meant a deeper network",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0101.md");

    /// <summary>NNG0055: <c>Trainable = false</c> on a layer without weights (Keras accepts it silently; nothing is frozen).</summary>
    public static readonly DiagnosticDescriptor FrozenLayerWithoutWeights = new("NNG0055", "Trainable = false on a layer without weights",
        "Layer {0} ({1}) has no weights, so Trainable = false has no effect; freeze the layers with weights you mean to keep fixed",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0055.md");

    /// <summary>
    /// NNG0102: a trailing Dense head on a feature map, so the network outputs a feature map: a forgotten [Flatten].
    /// <c>Dense layer {0} is applied to each of the {2}x{3} pixels of its {1} input separately, ...</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor DenseOnFeatureMap = new("NNG0102", "Dense head on a feature map",
        "Dense layer {0} is applied to each of the {2}x{3} pixels of its {1} input separately, so the network outputs a {4} feature map instead of {5} values per sample; insert [Flatten] before it to connect all {6} inputs, or use a 1x1 Conv2D if per-pixel outputs are intended",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0102.md");

    /// <summary>
    /// NNG0103, at the loss of a <c>Compile</c> call: a Softmax or Sigmoid output with a loss <c>fromLogits: true</c>, which applies the
    /// activation a second time. <c>Network '{0}' ends in {1}, so its outputs are probabilities, but {2} is given fromLogits: true ...; {3}</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor ProbabilitiesAsLogits = new("NNG0103", "Loss expects logits but the network outputs probabilities",
        "Network '{0}' ends in {1}, so its outputs are probabilities, but {2} is given fromLogits: true and applies {1} to them again; {3}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0103.md");

    /// <summary>
    /// NNG0104, at the loss: a linear output (logits) with a cross-entropy that expects probabilities.
    /// <c>Network '{0}' ends in a linear layer ({1}), so its outputs are logits, but {2} expects probabilities; {3}</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor LogitsAsProbabilities = new("NNG0104", "Loss expects probabilities but the network outputs logits",
        "Network '{0}' ends in a linear layer ({1}), so its outputs are logits, but {2} expects probabilities in [0, 1]; {3}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0104.md");

    /// <summary>NNG0105, at the loss: one Sigmoid unit (a binary classifier) with a categorical cross-entropy. <c>Network '{0}' ends in one Sigmoid unit ...; {1} ...</c>.</summary>
    public static readonly DiagnosticDescriptor BinaryOutputCategoricalLoss = new("NNG0105", "Categorical loss on a single Sigmoid unit",
        "Network '{0}' ends in one Sigmoid unit, a binary classifier, but {1} needs one output per class and learns nothing from a single one; use Loss.BinaryCrossentropy with 0/1 targets",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0105.md");

    /// <summary>NNG0106, at the loss: binary cross-entropy on a Softmax over several units. <c>Network '{0}' ends in Softmax over {1} units ...</c>.</summary>
    public static readonly DiagnosticDescriptor BinaryLossOnSoftmax = new("NNG0106", "Binary cross-entropy on a multi-class Softmax",
        "Network '{0}' ends in Softmax over {1} units, one class per sample, but binary_crossentropy scores each unit as an independent yes/no; use Loss.CategoricalCrossentropy (one-hot targets) or Loss.SparseCategoricalCrossentropy (class indices), or Activation.Sigmoid for multi-label outputs",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0106.md");

    /// <summary>NNG0025, at the loss: a Softmax over one unit always outputs 1, so nothing can be learned. <c>Network '{0}' ends in Softmax over a single unit ...</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxOverOneUnit = Error("NNG0025", "Softmax over a single unit",
        "Network '{0}' ends in Softmax over a single unit, which always outputs 1, so {1} cannot train it; for a binary output use Activation.Sigmoid with Loss.BinaryCrossentropy, for classes give the last layer one unit per class");

    /// <summary>
    /// NNG0107, at an argument: values sized for one network passed to another whose size differs.
    /// <c>{0} holds samples of {1} = {2} floats, but {3} takes samples of {4} = {5} floats; ...</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor NetworkSizeMismatch = new("NNG0107", "Networks do not fit together",
        "{0} holds samples of {1} = {2} floats, but {3} takes samples of {4} = {5} floats; the networks do not fit together, change one network's shape or pass a buffer sized for {4}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0107.md");

    /// <summary>
    /// NNG0110, at <c>[Network]</c>: the project compiles a C# older than <see cref="LanguageSupport.Minimum"/>, so the generator adds nothing.
    /// <c>Network '{0}' needs C# {1} or newer for its generated code, but this project compiles C# {2}; ...</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error("NNG0110", "C# version too old for the generated code",
        "Network '{0}' needs C# {1} or newer for its generated code, but this project compiles C# {2}; set <LangVersion>{1}</LangVersion> or newer (Unity 2021.2 and later compile C# 9)");

    /// <summary>
    /// NNG0108, at <c>[Network]</c>: training at Keras' default batch of 32 would need more memory than a large machine has.
    /// <c>Training network '{0}' at batch 32 (Keras' default) needs an estimated {1} ...; layer {3} alone writes {4} per sample ...</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor TrainingMemoryTooLarge = new("NNG0108", "Training would need too much memory",
        "Training network '{0}' at batch 32 (Keras' default) needs an estimated {1} ({2} per sample for the input, {3} activation floats and their gradients, plus the parameters with their gradients and Adam's moments), over the {4} this warning allows; layer {5} alone writes {6} per sample ({7}); downscale the input, stride or pool earlier, or use fewer filters (a smaller batch lowers it proportionally)",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + "NNG0108.md");

    /// <summary>All descriptors, by ID.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = Index(
        NotPartial, GenericOrStatic, ContainingTypeNotPartial, NoLayers, LayerWithoutNetwork, NonPositive,
        KernelTooLarge, PoolTooLarge, NeedsFeatureMap, DropoutRate, StridesWithDilation, UnknownMergeInput,
        LaterMergeInput, DuplicateMergeInput, MergeShapeMismatch, DuplicateLayerName, LayersSplit,
        ArgumentOutOfRange, InvalidLayerName, UndefinedEnumValue, ReshapeSize, MergeNeedsInput, TensorTooLarge, NegativePadding,
        UnknownInputLayer, LaterInputLayer, UnreadLayerOutput, SubtractInputCount, InputOnNamedMerge,
        MaxUnpoolingLayer, MaxUnpoolingMismatch, PoolingLayerWithoutMaxUnpooling,
        GroupsDoNotDivide, CroppingLeavesNothing, OutputPaddingOutOfRange, NegativeCropping,
        GroupsDoNotDivideChannels, InvalidSharedAxis, AugmentationFactor,
        ParameterBudgetExceeded, MultiplyAddBudgetExceeded, ActivationBudgetExceeded, NegativeBudget, TrainingMemoryTooLarge,
        UnusedInput, LinearConvolutions, DenseOnFeatureMap, FrozenLayerWithoutWeights,
        ProbabilitiesAsLogits, LogitsAsProbabilities, BinaryOutputCategoricalLoss, BinaryLossOnSoftmax, SoftmaxOverOneUnit, NetworkSizeMismatch,
        LanguageVersionTooOld);

    public static bool IsError(string id) => ById[id].DefaultSeverity == DiagnosticSeverity.Error;

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + id + ".md");

    private static IReadOnlyDictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var byId = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            byId.Add(descriptor.Id, descriptor);
        }
        return byId;
    }
}
