namespace Generated.Models.Tests;

// Branching networks (Input = "name" and the merges), twins of Tests/Fixtures/scripts/make_branching_fixtures.py.

/// <summary>A ResNet block whose shortcut is a strided 1x1 projection of the stem: the stem has two readers.</summary>
[Network(8, 8, 3)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
[Conv2D(6, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu, Name = "branch_a")]
[Conv2D(6, 3, Padding = Padding.Same, Name = "branch_b")]
[Conv2D(6, 1, Strides = 2, Input = "stem", Name = "shortcut")]
[Add("branch_b")]
[ReLU]
[GlobalAveragePooling2D]
[Dense(3)]
public partial class ProjectionResidual;

/// <summary>Inception-like: three branches of the input concatenated on channels (the input has three readers).</summary>
[Network(6, 6, 3)]
[Conv2D(4, 1, Activation = Activation.Relu, Name = "b1")]
[Conv2D(2, 1, Input = "input", Activation = Activation.Relu, Name = "b2_reduce")]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "b2")]
[MaxPooling2D(3, Strides = 1, Padding = Padding.Same, Input = "input", Name = "b3_pool")]
[Conv2D(2, 1, Activation = Activation.Relu, Name = "b3")]
[Concatenate("b1", "b2", "b3", Name = "mixed")]
[Flatten]
[Dense(4)]
public partial class InceptionBranches;

/// <summary>Every merge kind, with two inputs (one name: the previous layer and it) and with three.</summary>
[Network(4, 4, 2)]
[Conv2D(3, 1, Name = "a")]
[Conv2D(3, 1, Input = "input", Name = "b")]
[Conv2D(3, 1, Input = "input", Name = "c")]
[Multiply("a", "b", "c", Name = "mul")]
[Subtract("a", "mul", Name = "sub")]
[Maximum("sub", "b", "c", Name = "max")]
[Minimum("a", Name = "min")]
[Average("min", "sub", "b", Name = "avg")]
[Add("c", Name = "total")]
[Multiply("mul", Name = "mul2")]
[Maximum("a", Name = "max2")]
[Minimum("max2", "b", "sub", Name = "min3")]
[Subtract("b", "min3", Name = "diff")]
[Flatten]
[Dense(2)]
public partial class Merges;

/// <summary>Max-unpooling: values go back to the cells the named MaxPooling2D took its maxima from.</summary>
[Network(4, 6, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "encoder")]
[MaxPooling2D(2, Name = "pool")]
[Conv2D(3, 1, Activation = Activation.Tanh)]
[UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
[Conv2D(2, 3, Padding = Padding.Same)]
public partial class MaxUnpooling;

/// <summary><see cref="ReadBranch"/> with an extra branch nothing reads (NNG0028): it must change nothing but the weights.</summary>
[Network(5, 5, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "trunk")]
[Conv2D(4, 1, Activation = Activation.Relu, Name = "unread")]
[Dropout(0.5, Input = "unread", Name = "unread_too")]
[Conv2D(2, 1, Input = "trunk", Name = "head")]
[Add("input")]
[Flatten]
[Dense(3)]
public partial class UnreadBranch;

/// <summary><see cref="UnreadBranch"/> without its unread layers.</summary>
[Network(5, 5, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "trunk")]
[Conv2D(2, 1, Name = "head")]
[Add("input")]
[Flatten]
[Dense(3)]
public partial class ReadBranch;

/// <summary>Average-pooled values unpooled to a max pooling's positions: that pooling is read only for positions, so no gradient passes through it.</summary>
[Network(4, 4, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "encoder")]
[MaxPooling2D(2, Name = "pool")]
[AveragePooling2D(2, Input = "encoder")]
[UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
[Flatten]
[Dense(2)]
public partial class PositionsOnly;
