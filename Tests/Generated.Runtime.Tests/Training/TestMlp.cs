using Generated.CompilerServices;
using Generated.IO;

namespace Generated.Runtime.Tests.Training;

/// <summary>Output activation of <see cref="TestMlp"/>.</summary>
public enum OutputActivation
{
    Linear,
    Softmax,
    Sigmoid,
}

/// <summary>
/// A hand-written <see cref="INetwork"/> for the training tests: input -> Dense(hidden, tanh) -> Dense(outputs, activation),
/// or softmax regression without the hidden layer, in plain loops. It also keeps a non-trainable tensor
/// (<c>input_stats.moving_mean</c>, a moving average of the inputs updated by training forwards, like batch
/// normalization's statistics) so weight restore and checkpoints cover state as well as trainable parameters.
/// Buffers grow to the largest batch seen and are sliced for smaller ones: no allocation per step.
/// </summary>
public sealed class TestMlp : INetwork
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _outputs;
    private readonly OutputActivation _activation;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[] _state;
    private readonly TensorSpec[] _specs;
    private readonly ParameterView[] _views;
    private readonly int _w1, _b1, _w2, _b2;
    private float[] _input = [];
    private float[] _hiddenValues = [];
    private float[] _output = [];
    private float[] _outputGradient = [];
    private float[] _hiddenGradient = [];
    private float[] _inputGradient = [];
    private int _batch;

    public TestMlp(int inputs, int hidden, int outputs, OutputActivation activation, int seed = 0)
    {
        _inputs = inputs;
        _hidden = hidden;
        _outputs = outputs;
        _activation = activation;
        var specs = new List<TensorSpec>();
        var offset = 0;
        if (hidden > 0)
        {
            _w1 = offset;
            specs.Add(new TensorSpec("dense.kernel", [inputs, hidden], true, offset));
            offset += inputs * hidden;
            _b1 = offset;
            specs.Add(new TensorSpec("dense.bias", [hidden], true, offset));
            offset += hidden;
        }
        var lastIn = hidden > 0 ? hidden : inputs;
        var lastName = hidden > 0 ? "dense_1" : "dense";
        _w2 = offset;
        specs.Add(new TensorSpec(lastName + ".kernel", [lastIn, outputs], true, offset));
        offset += lastIn * outputs;
        _b2 = offset;
        specs.Add(new TensorSpec(lastName + ".bias", [outputs], true, offset));
        offset += outputs;
        specs.Add(new TensorSpec("input_stats.moving_mean", [inputs], false, 0));
        _specs = specs.ToArray();
        _parameters = new float[offset];
        _gradients = new float[offset];
        _state = new float[inputs];
        _views = _specs.Select(s => new ParameterView(s.Name, s.Shape, s.Trainable ? _parameters : _state, s.Offset, s.Trainable)).ToArray();

        var random = new SeededRandom((ulong)seed);
        if (hidden > 0)
        {
            Initializers.GlorotUniform(_parameters.AsSpan(_w1, inputs * hidden), inputs, hidden, ref random);
        }
        Initializers.GlorotUniform(_parameters.AsSpan(_w2, lastIn * outputs), lastIn, outputs, ref random);
    }

    public TensorShape InputShape => new(_inputs);

    public TensorShape OutputShape => new(_outputs);

    public int ParameterCount => _parameters.Length + _state.Length;

    public IReadOnlyList<ParameterView> ParameterTensors => _views;

    /// <summary>Plain loops, not generated layers: no layer description (ONNX export refuses it).</summary>
    public IReadOnlyList<LayerInfo> Layers => [];

    public Span<float> TrainableParameters => _parameters;

    /// <summary>How often <see cref="MarkWeightsChanged"/> ran (the MLP keeps no packed copies; tests check who calls it).</summary>
    public int WeightChangeMarks { get; private set; }

    public void MarkWeightsChanged() => WeightChangeMarks++;

    public Span<float> Gradients => _gradients;

    /// <summary>The non-trainable moving mean of the inputs.</summary>
    public Span<float> State => _state;

    /// <summary>How many times Forward ran (the tests check the trainer does not call it more than needed).</summary>
    public int ForwardCalls { get; private set; }

    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, bool training)
    {
        ForwardCalls++;
        var batch = input.Length / _inputs;
        if (batch * _inputs != input.Length || batch == 0)
        {
            throw new ArgumentException($"input length {input.Length} is not a positive multiple of {_inputs}");
        }
        _batch = batch;
        Grow(ref _input, batch * _inputs);
        Grow(ref _hiddenValues, batch * Math.Max(_hidden, 1));
        Grow(ref _output, batch * _outputs);
        input.CopyTo(_input);
        if (training)
        {
            for (var j = 0; j < _inputs; j++)
            {
                var mean = 0f;
                for (var b = 0; b < batch; b++)
                {
                    mean += input[b * _inputs + j];
                }
                _state[j] = 0.9f * _state[j] + 0.1f * (mean / batch);
            }
        }
        Run(input, batch, _hiddenValues, _output);
        return _output.AsSpan(0, batch * _outputs);
    }

    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient)
    {
        var batch = _batch;
        Grow(ref _outputGradient, batch * _outputs);
        Grow(ref _hiddenGradient, batch * Math.Max(_hidden, 1));
        Grow(ref _inputGradient, batch * _inputs);
        var dz = _outputGradient.AsSpan(0, batch * _outputs);
        var y = _output.AsSpan(0, batch * _outputs);
        for (var b = 0; b < batch; b++)
        {
            var g = outputGradient.Slice(b * _outputs, _outputs);
            var p = y.Slice(b * _outputs, _outputs);
            var d = dz.Slice(b * _outputs, _outputs);
            switch (_activation)
            {
                case OutputActivation.Softmax:
                    var dot = 0f;
                    for (var k = 0; k < _outputs; k++)
                    {
                        dot += g[k] * p[k];
                    }
                    for (var k = 0; k < _outputs; k++)
                    {
                        d[k] = p[k] * (g[k] - dot);
                    }
                    break;
                case OutputActivation.Sigmoid:
                    for (var k = 0; k < _outputs; k++)
                    {
                        d[k] = g[k] * p[k] * (1 - p[k]);
                    }
                    break;
                default:
                    g.CopyTo(d);
                    break;
            }
        }
        var lastIn = _hidden > 0 ? _hidden : _inputs;
        var lastInput = _hidden > 0 ? _hiddenValues.AsSpan(0, batch * _hidden) : _input.AsSpan(0, batch * _inputs);
        var lastInputGradient = _hidden > 0 ? _hiddenGradient.AsSpan(0, batch * _hidden) : _inputGradient.AsSpan(0, batch * _inputs);
        DenseBackward(batch, lastIn, _outputs, lastInput, _w2, _b2, dz, lastInputGradient);
        if (_hidden == 0)
        {
            return _inputGradient.AsSpan(0, batch * _inputs);
        }
        var h = _hiddenValues.AsSpan(0, batch * _hidden);
        for (var i = 0; i < h.Length; i++)
        {
            lastInputGradient[i] *= 1 - h[i] * h[i];
        }
        DenseBackward(batch, _inputs, _hidden, _input.AsSpan(0, batch * _inputs), _w1, _b1, lastInputGradient, _inputGradient.AsSpan(0, batch * _inputs));
        return _inputGradient.AsSpan(0, batch * _inputs);
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        var batch = input.Length / _inputs;
        Run(input, batch, new float[batch * Math.Max(_hidden, 1)], output);
    }

    public void SaveWeights(string path) => WeightFile.Save(path, _specs, _parameters, _state);

    public void LoadWeights(string path) => WeightFile.Load(path, _specs, _parameters, _state);

    private void Run(ReadOnlySpan<float> input, int batch, Span<float> hidden, Span<float> output)
    {
        ReadOnlySpan<float> lastInput = input;
        var lastIn = _inputs;
        if (_hidden > 0)
        {
            Dense(batch, _inputs, _hidden, input, _w1, _b1, hidden);
            for (var i = 0; i < batch * _hidden; i++)
            {
                hidden[i] = MathF.Tanh(hidden[i]);
            }
            lastInput = hidden[..(batch * _hidden)];
            lastIn = _hidden;
        }
        Dense(batch, lastIn, _outputs, lastInput, _w2, _b2, output);
        for (var b = 0; b < batch; b++)
        {
            var row = output.Slice(b * _outputs, _outputs);
            switch (_activation)
            {
                case OutputActivation.Softmax:
                    var max = row[0];
                    for (var k = 1; k < row.Length; k++)
                    {
                        max = Math.Max(max, row[k]);
                    }
                    var sum = 0f;
                    for (var k = 0; k < row.Length; k++)
                    {
                        row[k] = MathF.Exp(row[k] - max);
                        sum += row[k];
                    }
                    for (var k = 0; k < row.Length; k++)
                    {
                        row[k] /= sum;
                    }
                    break;
                case OutputActivation.Sigmoid:
                    for (var k = 0; k < row.Length; k++)
                    {
                        row[k] = 1f / (1f + MathF.Exp(-row[k]));
                    }
                    break;
            }
        }
    }

    private void Dense(int batch, int inputs, int units, ReadOnlySpan<float> input, int kernel, int bias, Span<float> output)
    {
        for (var b = 0; b < batch; b++)
        {
            for (var u = 0; u < units; u++)
            {
                var sum = _parameters[bias + u];
                for (var i = 0; i < inputs; i++)
                {
                    sum += input[b * inputs + i] * _parameters[kernel + i * units + u];
                }
                output[b * units + u] = sum;
            }
        }
    }

    private void DenseBackward(int batch, int inputs, int units, ReadOnlySpan<float> input, int kernel, int bias, ReadOnlySpan<float> dz, Span<float> inputGradient)
    {
        for (var b = 0; b < batch; b++)
        {
            for (var u = 0; u < units; u++)
            {
                var g = dz[b * units + u];
                _gradients[bias + u] += g;
                for (var i = 0; i < inputs; i++)
                {
                    _gradients[kernel + i * units + u] += input[b * inputs + i] * g;
                }
            }
            for (var i = 0; i < inputs; i++)
            {
                var sum = 0f;
                for (var u = 0; u < units; u++)
                {
                    sum += dz[b * units + u] * _parameters[kernel + i * units + u];
                }
                inputGradient[b * inputs + i] = sum;
            }
        }
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
