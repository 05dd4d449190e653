using Generated.Generator.Tests.Infrastructure;
using Generated.Analyzers;
using Generated.Model;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>Every diagnostic ID, reported exactly at the marked attribute, argument or name.</summary>
public class DiagnosticLocationTests
{
    /// <summary>Case name and marked-up source; each case has exactly the marked diagnostics.</summary>
    public static TheoryData<string, string> Cases { get; } = new()
    {
        { "NNG0001 class not partial", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dense(10)]
            public class {|NNG0001:Net|};
            """ },
        { "NNG0002 generic class", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dense(10)]
            public partial class {|NNG0002:Net|}<T>;
            """ },
        { "NNG0002 static class", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dense(10)]
            public static partial class {|NNG0002:Net|};
            """ },
        { "NNG0003 containing type not partial", """
            public class {|NNG0003:Outer|}
            {
                [Network(28, 28, 1)]
                [Flatten]
                [Dense(10)]
                public partial class Net;
            }
            """ },
        { "NNG0004 no layers", """
            [{|NNG0004:Network(28, 28, 1)|}]
            public partial class Net;
            """ },
        { "NNG0005 layer without network", """
            [{|NNG0005:Flatten|}]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0006 filters", """
            [Network(28, 28, 1)]
            [Conv2D({|NNG0006:0|}, 3)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0006 square kernel reported once", """
            [Network(28, 28, 1)]
            [Conv2D(8, {|NNG0006:-3|})]
            public partial class Net;
            """ },
        { "NNG0006 kernel width", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, {|NNG0006:0|})]
            public partial class Net;
            """ },
        { "NNG0006 strides", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, {|NNG0006:Strides = 0|})]
            public partial class Net;
            """ },
        { "NNG0006 dilation", """
            [Network(28, 28, 1)]
            [Conv2DTranspose(8, 3, {|NNG0006:DilationRate = -1|})]
            public partial class Net;
            """ },
        { "NNG0006 units", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dense({|NNG0006:0|})]
            public partial class Net;
            """ },
        { "NNG0006 pool size", """
            [Network(28, 28, 1)]
            [MaxPooling2D({|NNG0006:0|})]
            public partial class Net;
            """ },
        { "NNG0006 pool strides", """
            [Network(28, 28, 1)]
            [AveragePooling2D(2, {|NNG0006:Strides = -2|})]
            public partial class Net;
            """ },
        { "NNG0006 up-sampling size", """
            [Network(28, 28, 1)]
            [UpSampling2D(2, {|NNG0006:0|})]
            public partial class Net;
            """ },
        { "NNG0006 input height", """
            [Network({|NNG0006:0|}, 28, 1)]
            [Flatten]
            public partial class Net;
            """ },
        { "NNG0006 input features", """
            [Network({|NNG0006:-5|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0006 reshape target", """
            [Network(28, 28, 1)]
            [Reshape(7, {|NNG0006:0|}, 16)]
            public partial class Net;
            """ },
        { "NNG0007 kernel larger than input", """
            [Network(4, 4, 16)]
            [{|NNG0007:Conv2D(16, 5)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0007 dilated kernel larger than input", """
            [Network(6, 6, 1)]
            [{|NNG0007:Conv2D(8, 3, DilationRate = 3)|}]
            public partial class Net;
            """ },
        { "NNG0008 pool larger than input", """
            [Network(3, 3, 8)]
            [{|NNG0008:MaxPooling2D(4)|}]
            public partial class Net;
            """ },
        { "NNG0009 convolution after Flatten", """
            [Network(28, 28, 1)]
            [Flatten]
            [{|NNG0009:Conv2D(8, 3)|}]
            public partial class Net;
            """ },
        { "NNG0009 pooling after global pooling", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            [{|NNG0009:MaxPooling2D(2)|}]
            public partial class Net;
            """ },
        { "NNG0009 spatial layer on a vector input", """
            [Network(100)]
            [{|NNG0009:UpSampling2D(2)|}]
            public partial class Net;
            """ },
        { "NNG0009 global pooling after Flatten", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dropout(0.5)]
            [{|NNG0009:GlobalMaxPooling2D|}]
            public partial class Net;
            """ },
        { "NNG0010 dropout rate 1", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dropout({|NNG0010:1.0|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0010 negative dropout rate", """
            [Network(28, 28, 1)]
            [Flatten]
            [Dropout({|NNG0010:-0.25|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0011 strides with dilation", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Strides = 2, {|NNG0011:DilationRate = 2|})]
            public partial class Net;
            """ },
        { "NNG0012 unknown merge input", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Add({|NNG0012:"nope"|})]
            public partial class Net;
            """ },
        { "NNG0012 unknown merge input in an array", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "b")]
            [Concatenate(new[] { "a", {|NNG0012:"nope"|} })]
            public partial class Net;
            """ },
        { "NNG0013 merge names a later layer", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Add({|NNG0013:"later"|})]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "later")]
            public partial class Net;
            """ },
        { "NNG0013 merge names itself", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Add({|NNG0013:"self"|}, Name = "self")]
            public partial class Net;
            """ },
        { "NNG0014 merge names the previous layer", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Add({|NNG0014:"a"|})]
            public partial class Net;
            """ },
        { "NNG0014 merge names a layer twice", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Add("a", {|NNG0014:"a"|})]
            public partial class Net;
            """ },
        { "NNG0015 Add of different shapes", """
            [Network(8, 8, 4)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Add({|NNG0015:"input"|})]
            public partial class Net;
            """ },
        { "NNG0015 Concatenate of different sizes", """
            [Network(8, 8, 4)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "full")]
            [MaxPooling2D(2)]
            [Concatenate({|NNG0015:"full"|})]
            public partial class Net;
            """ },
        { "NNG0015 Multiply of different shapes", """
            [Network(8, 8, 4)]
            [Conv2D(8, 3, Padding = Padding.Same)]
            [Multiply({|NNG0015:"input"|})]
            public partial class Net;
            """ },
        { "NNG0015 Maximum of a branch read with Input", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "same")]
            [Conv2D(4, 3, Input = "input", Name = "valid")]
            [Maximum({|NNG0015:"same"|})]
            public partial class Net;
            """ },
        { "NNG0026 Input names an unknown layer", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Name = "a")]
            [Conv2D(4, 3, Input = {|NNG0026:"nope"|})]
            public partial class Net;
            """ },
        { "NNG0026 names are case-sensitive", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Name = "Stem")]
            [Conv2D(4, 3, Input = {|NNG0026:"stem"|})]
            public partial class Net;
            """ },
        { "NNG0027 Input names a later layer", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Input = {|NNG0027:"later"|})]
            [Conv2D(4, 3, Name = "later")]
            public partial class Net;
            """ },
        { "NNG0027 Input names the layer itself", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3)]
            [Conv2D(4, 3, Input = {|NNG0027:"self"|}, Name = "self")]
            public partial class Net;
            """ },
        { "NNG0029 Subtract of three", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "b")]
            [{|NNG0029:Subtract("a", "b", "input")|}]
            public partial class Net;
            """ },
        { "NNG0030 Input on a merge that names two layers", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "b")]
            [Add("a", "b", Input = {|NNG0030:"input"|})]
            public partial class Net;
            """ },
        { "NNG0031 max-unpooling without PoolingLayer", """
            [Network(8, 8, 4)]
            [MaxPooling2D(2)]
            [UpSampling2D(2, Interpolation = {|NNG0031:Interpolation.MaxUnpooling|})]
            public partial class Net;
            """ },
        { "NNG0031 PoolingLayer names an unknown layer", """
            [Network(8, 8, 4)]
            [MaxPooling2D(2)]
            [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = {|NNG0031:"pool"|})]
            public partial class Net;
            """ },
        { "NNG0031 PoolingLayer names an average pooling", """
            [Network(8, 8, 4)]
            [AveragePooling2D(2, Name = "pool")]
            [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = {|NNG0031:"pool"|})]
            public partial class Net;
            """ },
        { "NNG0031 PoolingLayer names a later layer", """
            [Network(8, 8, 4)]
            [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = {|NNG0031:"pool"|})]
            [MaxPooling2D(2, Name = "pool")]
            public partial class Net;
            """ },
        { "NNG0032 factor other than the pool size", """
            [Network(8, 8, 4)]
            [MaxPooling2D(2, Name = "pool")]
            [UpSampling2D({|NNG0032:4|}, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
            public partial class Net;
            """ },
        { "NNG0032 output shape other than the pooling's input", """
            [Network(5, 5, 4)]
            [MaxPooling2D(2, Padding = Padding.Same, Name = "pool")]
            [{|NNG0032:UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")|}]
            public partial class Net;
            """ },
        { "NNG0033 PoolingLayer with nearest interpolation", """
            [Network(8, 8, 4)]
            [MaxPooling2D(2, Name = "pool")]
            [UpSampling2D(2, PoolingLayer = {|NNG0033:"pool"|})]
            public partial class Net;
            """ },
        { "NNG0016 duplicate explicit name", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu, Name = "features")]
            [Flatten({|NNG0016:Name = "features"|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0016 automatic name taken", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu, Name = "conv2d_1")]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0016:Conv2D(8, 3, Activation = Activation.Relu)|}]
            public partial class Net;
            """ },
        { "NNG0017 layers on two declarations", """
            [{|NNG0017:Network(28, 28, 1)|}]
            [Flatten]
            public partial class Net;

            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0018 epsilon", """
            [Network(28, 28, 1)]
            [BatchNormalization({|NNG0018:Epsilon = 0|})]
            public partial class Net;
            """ },
        { "NNG0018 momentum", """
            [Network(28, 28, 1)]
            [BatchNormalization({|NNG0018:Momentum = 1.5|})]
            public partial class Net;
            """ },
        { "NNG0018 negative slope", """
            [Network(28, 28, 1)]
            [LeakyReLU({|NNG0018:-0.1|})]
            public partial class Net;
            """ },
        { "NNG0019 reserved name", """
            [Network(28, 28, 1)]
            [Flatten({|NNG0019:Name = "input"|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0019 name with a space", """
            [Network(28, 28, 1)]
            [Flatten({|NNG0019:Name = "my layer"|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0019 names with one C# identifier", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu, Name = "ab_c")]
            [Flatten({|NNG0019:Name = "abC"|})]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0020 undefined activation", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, {|NNG0020:Activation = (Activation)42|})]
            public partial class Net;
            """ },
        { "NNG0020 undefined padding", """
            [Network(28, 28, 1)]
            [MaxPooling2D(2, {|NNG0020:Padding = (Padding)7|})]
            public partial class Net;
            """ },
        { "NNG0021 reshape changes the size", """
            [Network(28, 28, 1)]
            [{|NNG0021:Reshape(10, 10, 10)|}]
            public partial class Net;
            """ },
        { "NNG0022 Add without names", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0022:Add|}]
            public partial class Net;
            """ },
        { "NNG0022 Concatenate with a null array", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0022:Concatenate(null)|}]
            public partial class Net;
            """ },
        { "NNG0023 output too large", """
            [Network(1000, 1000, 3)]
            [{|NNG0023:UpSampling2D(1000)|}]
            public partial class Net;
            """ },
        { "NNG0023 input too large", """
            [{|NNG0023:Network(100000, 100000, 3)|}]
            [Flatten]
            public partial class Net;
            """ },
        { "NNG0023 kernel too large", """
            [Network(100000)]
            [{|NNG0023:Dense(100000)|}]
            public partial class Net;
            """ },
        { "NNG0024 negative symmetric padding reported once", """
            [Network(28, 28, 1)]
            [ZeroPadding2D({|NNG0024:-1|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0024 negative padding on two sides", """
            [Network(28, 28, 1)]
            [ZeroPadding2D(1, {|NNG0024:-1|}, 0, {|NNG0024:right: -2|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0035 groups that do not divide the input channels", """
            [Network(28, 28, 3)]
            [Conv2D(8, 3, {|NNG0035:Groups = 2|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0036 cropping that leaves no rows", """
            [Network(4, 8, 1)]
            [{|NNG0036:Cropping2D(2, 1)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0037 output padding not smaller than the stride", """
            [Network(8, 8, 1)]
            [Conv2DTranspose(4, 3, Strides = 2, {|NNG0037:OutputPadding = 2|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0038 negative cropping on one side", """
            [Network(8, 8, 1)]
            [Cropping2D(1, 0, {|NNG0038:left: -1|}, 2)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0038 negative symmetric cropping reported once", """
            [Network(8, 8, 1)]
            [Cropping2D({|NNG0038:-1|}, 1)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0006 depth multiplier", """
            [Network(8, 8, 3)]
            [DepthwiseConv2D(3, {|NNG0006:DepthMultiplier = 0|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0006 rectangular stride", """
            [Network(8, 8, 3)]
            [SeparableConv2D(4, 3, {|NNG0006:StridesWidth = -1|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0007 depthwise kernel larger than its input", """
            [Network(4, 4, 3)]
            [{|NNG0007:DepthwiseConv2D(5)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0100 rectangular strides leave input columns unused", """
            [Network(8, 9, 1)]
            [MinPooling2D(2, {|NNG0100:Strides = 2|}, StridesWidth = 2)]
            [Conv2D(4, 2, StridesWidth = 2, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0045 groups do not divide the channels", """
            [Network(8, 8, 3)]
            [Conv2D(6, 3)]
            [GroupNormalization({|NNG0045:4|})]
            public partial class Net;
            """ },
        { "NNG0046 PReLU shares an axis the input lacks", """
            [Network(10)]
            [PReLU({|NNG0046:SharedAxes = new[] { 1, 2 }|})]
            public partial class Net;
            """ },
        { "NNG0047 rotation factor beyond a full turn", """
            [Network(28, 28, 1)]
            [RandomRotation({|NNG0047:1.5|})]
            [RandomZoom(0.1, {|NNG0047:widthFactor: -0.2|})]
            public partial class Net;
            """ },
        { "NNG0100 convolution strides leave input unused", """
            [Network(28, 28, 1)]
            [Conv2D(8, 5, {|NNG0100:Strides = 2|}, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0100 pooling leaves input unused", """
            [Network(13, 13, 1)]
            [{|NNG0100:MaxPooling2D(2)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0055 Trainable = false on a layer without weights", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu, Trainable = false)]
            [MaxPooling2D(2, {|NNG0055:Trainable = false|})]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0101 consecutive linear convolutions", """
            [Network(28, 28, 1)]
            [{|NNG0101:Conv2D(8, 3)|}]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """ },
        { "NNG0102 Dense head on a feature map", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0102:Dense(10, Activation = Activation.Softmax)|}]
            public partial class Net;
            """ },
        { "NNG0102 at the first Dense of the head", """
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0102:Dense(32, Activation = Activation.Relu)|}]
            [Dropout(0.5)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "valid: tutorial CNN but without the 13x13 pooling", """
            [Network(32, 32, 3)]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "NNG0060 parameters over budget, at MaxParameters", """
            [Network(28, 28, 1, {|NNG0060:MaxParameters = 20000|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "NNG0061 multiply-adds over budget, at MaxMultiplyAdds", """
            [Network(28, 28, 1, MaxParameters = 300000, {|NNG0061:MaxMultiplyAdds = 100000|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "NNG0062 activations over budget, at MaxActivationBytes", """
            [Network(28, 28, 1, {|NNG0062:MaxActivationBytes = 65536|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "NNG0063 negative budget", """
            [Network(28, 28, 1, {|NNG0063:MaxParameters = -1|})]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "NNG0108 a 1920x1080 input with two full-resolution convolutions", """
            [{|NNG0108:Network(1080, 1920, 3)|}]
            [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "valid: every budget met exactly", """
            [Network(28, 28, 1, MaxParameters = 54410, MaxMultiplyAdds = 248768, MaxActivationBytes = 108200)]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "valid: a 1920x1080 input with an early strided convolution stays under the training-memory estimate", """
            [Network(1080, 1920, 3)]
            [Conv2D(16, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """ },
        { "valid: per-pixel Dense followed by a convolution", """
            [Network(8, 8, 3)]
            [Dense(16, Activation = Activation.Relu)]
            [Conv2D(4, 3, Padding = Padding.Same)]
            public partial class Net;
            """ },
        { "valid: merge with expanded params and the input", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Add("a", "conv2d", "input")]
            public partial class Net;
            """ },
        { "valid: branches from any layer and every merge kind", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
            [Conv2D(4, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Conv2D(4, 1, Strides = 2, Padding = Padding.Same, Input = "stem", Activation = Activation.Relu, Name = "b")]
            [Multiply("a", Name = "m")]
            [Subtract("m", "b", Name = "s")]
            [Maximum("a", "b", "s", Name = "mx")]
            [Minimum("a", Name = "mn")]
            [Average("mn", "s")]
            [Concatenate("b")]
            [MaxPooling2D(2, Input = "stem", Name = "pool")]
            [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
            [Add("stem")]
            [MaxPooling2D(2)]
            [Concatenate("concatenate")]
            [Flatten]
            [Dense(2)]
            public partial class Net;
            """ },
        { "NNG0028 unread branch, not the output", """
            [Network(8, 8, 4)]
            [{|NNG0028:Conv2D(4, 3, Padding = Padding.Same, Name = "unused")|}]
            [Conv2D(4, 3, Input = "input")]
            public partial class Net;
            """ },
        { "NNG0028 the layer a named merge skips", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [{|NNG0028:Conv2D(4, 3, Padding = Padding.Same)|}]
            [Add("a", "input")]
            public partial class Net;
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exactly_the_marked_diagnostics(string name, string markup)
    {
        Assert.NotEmpty(name);
        AnalyzerVerifier.Verify(markup);
    }

    [Fact]
    public void Every_diagnostic_id_has_a_case()
    {
        var covered = Cases.Select(row => (string)row[1]).SelectMany(markup => DiagnosticMarkup.Parse(markup).Expected).Select(e => e.Id).ToHashSet();
        // The analyzers of code that uses networks have their own tests (LossActivationAnalyzerTests, NetworkSizeAnalyzerTests).
        var reportedWhereUsed = new LossActivationAnalyzer().SupportedDiagnostics.Concat(new NetworkSizeAnalyzer().SupportedDiagnostics).Select(d => d.Id);
        // NNG0110 needs a project older than C# 9, which these cases do not compile; LanguageVersionTests cover it.
        var reportedForOldLanguages = new[] { DiagnosticDescriptors.LanguageVersionTooOld.Id };
        Assert.Equal(DiagnosticDescriptors.ById.Keys.Except(reportedWhereUsed).Except(reportedForOldLanguages).OrderBy(id => id), covered.OrderBy(id => id));
    }
}
