using Generated;

namespace ReferenceArchitectures;

/// <summary>
/// Keras' MobileNetV2 (<c>keras.applications.MobileNetV2(alpha=1.0, include_top=True, weights=None)</c>, 224x224x3,
/// 1000 classes), layer for layer with Keras' names: 3,538,984 parameters, 34,112 of them the batch normalizations'
/// moving statistics, as Keras' <c>count_params()</c>. Transcribed from keras/applications/mobilenet_v2.py
/// (<c>MobileNetV2</c>, <c>_inverted_res_block</c>, <c>_make_divisible</c>): convolutions and depthwise convolutions
/// without bias, batch normalization with <c>epsilon=1e-3, momentum=0.999</c>, <c>ReLU(6.)</c>; a stride-2 depthwise
/// convolution is Valid after <c>ZeroPadding2D(correct_pad(x, 3))</c>, which on the even sizes here is
/// <c>((0, 1), (0, 1))</c>; a block adds its input back when its input and output channels match at stride 1.
/// </summary>
[Network(224, 224, 3)]
// keras.applications.mobilenet_v2.MobileNetV2(alpha=1.0): a 3x3/2 Same convolution without bias, batch normalization, ReLU6.
[Conv2D(32, 3, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "Conv1")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "bn_Conv1")]
[ReLU(6, Name = "Conv1_relu")]

// _inverted_res_block(filters=16, stride=1, expansion=1, block_id=0): no expansion, prefix "expanded_conv_"
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "expanded_conv_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "expanded_conv_depthwise_BN")]
[ReLU(6, Name = "expanded_conv_depthwise_relu")]
[Conv2D(16, 1, Padding = Padding.Same, UseBias = false, Name = "expanded_conv_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "expanded_conv_project_BN")]

// _inverted_res_block(filters=24, stride=2, expansion=6, block_id=1)
[Conv2D(96, 1, Padding = Padding.Same, UseBias = false, Name = "block_1_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_1_expand_BN")]
[ReLU(6, Name = "block_1_expand_relu")]
[ZeroPadding2D(0, 1, 0, 1, Name = "block_1_pad")]
[DepthwiseConv2D(3, Strides = 2, UseBias = false, Name = "block_1_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_1_depthwise_BN")]
[ReLU(6, Name = "block_1_depthwise_relu")]
[Conv2D(24, 1, Padding = Padding.Same, UseBias = false, Name = "block_1_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_1_project_BN")]

// _inverted_res_block(filters=24, stride=1, expansion=6, block_id=2)
[Conv2D(144, 1, Padding = Padding.Same, UseBias = false, Name = "block_2_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_2_expand_BN")]
[ReLU(6, Name = "block_2_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_2_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_2_depthwise_BN")]
[ReLU(6, Name = "block_2_depthwise_relu")]
[Conv2D(24, 1, Padding = Padding.Same, UseBias = false, Name = "block_2_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_2_project_BN")]
[Add("block_1_project_BN", "block_2_project_BN", Name = "block_2_add")]

// _inverted_res_block(filters=32, stride=2, expansion=6, block_id=3)
[Conv2D(144, 1, Padding = Padding.Same, UseBias = false, Name = "block_3_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_3_expand_BN")]
[ReLU(6, Name = "block_3_expand_relu")]
[ZeroPadding2D(0, 1, 0, 1, Name = "block_3_pad")]
[DepthwiseConv2D(3, Strides = 2, UseBias = false, Name = "block_3_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_3_depthwise_BN")]
[ReLU(6, Name = "block_3_depthwise_relu")]
[Conv2D(32, 1, Padding = Padding.Same, UseBias = false, Name = "block_3_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_3_project_BN")]

// _inverted_res_block(filters=32, stride=1, expansion=6, block_id=4)
[Conv2D(192, 1, Padding = Padding.Same, UseBias = false, Name = "block_4_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_4_expand_BN")]
[ReLU(6, Name = "block_4_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_4_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_4_depthwise_BN")]
[ReLU(6, Name = "block_4_depthwise_relu")]
[Conv2D(32, 1, Padding = Padding.Same, UseBias = false, Name = "block_4_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_4_project_BN")]
[Add("block_3_project_BN", "block_4_project_BN", Name = "block_4_add")]

// _inverted_res_block(filters=32, stride=1, expansion=6, block_id=5)
[Conv2D(192, 1, Padding = Padding.Same, UseBias = false, Name = "block_5_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_5_expand_BN")]
[ReLU(6, Name = "block_5_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_5_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_5_depthwise_BN")]
[ReLU(6, Name = "block_5_depthwise_relu")]
[Conv2D(32, 1, Padding = Padding.Same, UseBias = false, Name = "block_5_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_5_project_BN")]
[Add("block_4_add", "block_5_project_BN", Name = "block_5_add")]

// _inverted_res_block(filters=64, stride=2, expansion=6, block_id=6)
[Conv2D(192, 1, Padding = Padding.Same, UseBias = false, Name = "block_6_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_6_expand_BN")]
[ReLU(6, Name = "block_6_expand_relu")]
[ZeroPadding2D(0, 1, 0, 1, Name = "block_6_pad")]
[DepthwiseConv2D(3, Strides = 2, UseBias = false, Name = "block_6_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_6_depthwise_BN")]
[ReLU(6, Name = "block_6_depthwise_relu")]
[Conv2D(64, 1, Padding = Padding.Same, UseBias = false, Name = "block_6_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_6_project_BN")]

// _inverted_res_block(filters=64, stride=1, expansion=6, block_id=7)
[Conv2D(384, 1, Padding = Padding.Same, UseBias = false, Name = "block_7_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_7_expand_BN")]
[ReLU(6, Name = "block_7_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_7_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_7_depthwise_BN")]
[ReLU(6, Name = "block_7_depthwise_relu")]
[Conv2D(64, 1, Padding = Padding.Same, UseBias = false, Name = "block_7_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_7_project_BN")]
[Add("block_6_project_BN", "block_7_project_BN", Name = "block_7_add")]

// _inverted_res_block(filters=64, stride=1, expansion=6, block_id=8)
[Conv2D(384, 1, Padding = Padding.Same, UseBias = false, Name = "block_8_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_8_expand_BN")]
[ReLU(6, Name = "block_8_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_8_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_8_depthwise_BN")]
[ReLU(6, Name = "block_8_depthwise_relu")]
[Conv2D(64, 1, Padding = Padding.Same, UseBias = false, Name = "block_8_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_8_project_BN")]
[Add("block_7_add", "block_8_project_BN", Name = "block_8_add")]

// _inverted_res_block(filters=64, stride=1, expansion=6, block_id=9)
[Conv2D(384, 1, Padding = Padding.Same, UseBias = false, Name = "block_9_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_9_expand_BN")]
[ReLU(6, Name = "block_9_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_9_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_9_depthwise_BN")]
[ReLU(6, Name = "block_9_depthwise_relu")]
[Conv2D(64, 1, Padding = Padding.Same, UseBias = false, Name = "block_9_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_9_project_BN")]
[Add("block_8_add", "block_9_project_BN", Name = "block_9_add")]

// _inverted_res_block(filters=96, stride=1, expansion=6, block_id=10)
[Conv2D(384, 1, Padding = Padding.Same, UseBias = false, Name = "block_10_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_10_expand_BN")]
[ReLU(6, Name = "block_10_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_10_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_10_depthwise_BN")]
[ReLU(6, Name = "block_10_depthwise_relu")]
[Conv2D(96, 1, Padding = Padding.Same, UseBias = false, Name = "block_10_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_10_project_BN")]

// _inverted_res_block(filters=96, stride=1, expansion=6, block_id=11)
[Conv2D(576, 1, Padding = Padding.Same, UseBias = false, Name = "block_11_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_11_expand_BN")]
[ReLU(6, Name = "block_11_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_11_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_11_depthwise_BN")]
[ReLU(6, Name = "block_11_depthwise_relu")]
[Conv2D(96, 1, Padding = Padding.Same, UseBias = false, Name = "block_11_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_11_project_BN")]
[Add("block_10_project_BN", "block_11_project_BN", Name = "block_11_add")]

// _inverted_res_block(filters=96, stride=1, expansion=6, block_id=12)
[Conv2D(576, 1, Padding = Padding.Same, UseBias = false, Name = "block_12_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_12_expand_BN")]
[ReLU(6, Name = "block_12_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_12_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_12_depthwise_BN")]
[ReLU(6, Name = "block_12_depthwise_relu")]
[Conv2D(96, 1, Padding = Padding.Same, UseBias = false, Name = "block_12_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_12_project_BN")]
[Add("block_11_add", "block_12_project_BN", Name = "block_12_add")]

// _inverted_res_block(filters=160, stride=2, expansion=6, block_id=13)
[Conv2D(576, 1, Padding = Padding.Same, UseBias = false, Name = "block_13_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_13_expand_BN")]
[ReLU(6, Name = "block_13_expand_relu")]
[ZeroPadding2D(0, 1, 0, 1, Name = "block_13_pad")]
[DepthwiseConv2D(3, Strides = 2, UseBias = false, Name = "block_13_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_13_depthwise_BN")]
[ReLU(6, Name = "block_13_depthwise_relu")]
[Conv2D(160, 1, Padding = Padding.Same, UseBias = false, Name = "block_13_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_13_project_BN")]

// _inverted_res_block(filters=160, stride=1, expansion=6, block_id=14)
[Conv2D(960, 1, Padding = Padding.Same, UseBias = false, Name = "block_14_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_14_expand_BN")]
[ReLU(6, Name = "block_14_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_14_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_14_depthwise_BN")]
[ReLU(6, Name = "block_14_depthwise_relu")]
[Conv2D(160, 1, Padding = Padding.Same, UseBias = false, Name = "block_14_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_14_project_BN")]
[Add("block_13_project_BN", "block_14_project_BN", Name = "block_14_add")]

// _inverted_res_block(filters=160, stride=1, expansion=6, block_id=15)
[Conv2D(960, 1, Padding = Padding.Same, UseBias = false, Name = "block_15_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_15_expand_BN")]
[ReLU(6, Name = "block_15_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_15_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_15_depthwise_BN")]
[ReLU(6, Name = "block_15_depthwise_relu")]
[Conv2D(160, 1, Padding = Padding.Same, UseBias = false, Name = "block_15_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_15_project_BN")]
[Add("block_14_add", "block_15_project_BN", Name = "block_15_add")]

// _inverted_res_block(filters=320, stride=1, expansion=6, block_id=16)
[Conv2D(960, 1, Padding = Padding.Same, UseBias = false, Name = "block_16_expand")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_16_expand_BN")]
[ReLU(6, Name = "block_16_expand_relu")]
[DepthwiseConv2D(3, Padding = Padding.Same, UseBias = false, Name = "block_16_depthwise")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_16_depthwise_BN")]
[ReLU(6, Name = "block_16_depthwise_relu")]
[Conv2D(320, 1, Padding = Padding.Same, UseBias = false, Name = "block_16_project")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "block_16_project_BN")]

// The last 1x1 convolution to 1280 channels, then include_top=True: global average pooling and the classifier.
[Conv2D(1280, 1, UseBias = false, Name = "Conv_1")]
[BatchNormalization(Momentum = 0.999, Epsilon = 1e-3, Name = "Conv_1_bn")]
[ReLU(6, Name = "out_relu")]
[GlobalAveragePooling2D]
[Dense(1000, Activation = Activation.Softmax, Name = "predictions")]
public partial class MobileNetV2;
