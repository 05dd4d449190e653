using System.Collections.Generic;
using System.Linq;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// The merges <c>[Add]</c>, <c>[Concatenate]</c>, <c>[Multiply]</c>, <c>[Subtract]</c>, <c>[Maximum]</c>, <c>[Minimum]</c>
/// and <c>[Average]</c>: one name merges the main input (the previous layer, or <c>Input</c>) with it, two or more names
/// merge exactly those (Keras' list of inputs). One way of resolving and checking the names; the kinds differ in the
/// shapes they accept and in their kernel calls.
/// </summary>
internal sealed class MergeRule : LayerRule
{
    public MergeRule()
        : base(LayerKind.Add, LayerKind.Concatenate, LayerKind.Multiply, LayerKind.Subtract, LayerKind.Maximum, LayerKind.Minimum, LayerKind.Average)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var index = inference.Index;
        var names = inference.Names;
        var name = inference.Name;
        if (layer.MergeWith.Count == 0)
        {
            inference.Report(DiagnosticDescriptors.MergeNeedsInput, layer.Location, layer.AttributeName, name,
                index == 0 ? "\"input\" cannot be merged with itself; name an earlier layer" : $"for example [{layer.AttributeName}(\"{(index >= 2 ? names[index - 2] : LayerNames.Input)}\")]");
            return null;
        }

        var named = layer.MergeWith.Count >= 2;
        if (named && layer.Input is { } ignored)
        {
            inference.Report(DiagnosticDescriptors.InputOnNamedMerge, inference.SourceLocation, layer.AttributeName, name,
                string.Join(", ", layer.MergeWith.Select(n => "'" + n + "'")), ignored);
            return null;
        }
        var inputs = new List<int>();
        var shapes = new List<TensorShape>();
        var sources = new List<string>();
        var locations = new List<LocationInfo?>();
        if (!named)
        {
            inputs.Add(inference.Source);
            shapes.Add(inference.Input);
            sources.Add(inference.SourceName);
            locations.Add(inference.SourceLocation);
        }
        var ok = true;
        for (var k = 0; k < layer.MergeWith.Count; k++)
        {
            var reference = layer.MergeWith[k];
            var location = layer.LocationOf(DeclarationReader.ElementKey("Layers", k));
            if (inference.Resolve(reference, out var problem, out var description) is not { } target)
            {
                inference.Report(problem == ReferenceProblem.Unknown ? DiagnosticDescriptors.UnknownMergeInput : DiagnosticDescriptors.LaterMergeInput,
                    location, layer.AttributeName, name, reference, description);
                ok = false;
                continue;
            }
            if (inputs.Contains(target))
            {
                var why = !named && target == inference.Source ? (layer.Input is null ? " (the previous layer is always merged)" : " (Input is merged too)") : "";
                inference.Report(DiagnosticDescriptors.DuplicateMergeInput, location, layer.AttributeName, name, reference, why);
                ok = false;
                continue;
            }
            inputs.Add(target);
            shapes.Add(inference.ShapeOf(target));
            sources.Add(reference);
            locations.Add(location);
        }
        if (!ok)
        {
            return null;
        }
        if (layer.Kind == LayerKind.Subtract && inputs.Count != 2)
        {
            inference.Report(DiagnosticDescriptors.SubtractInputCount, layer.Location, name, LayerInference.Format(inputs.Count), string.Join(", ", sources.Select(s => "'" + s + "'")));
            return null;
        }

        var output = shapes[0];
        long channels = output.Channels;
        for (var i = 1; i < shapes.Count; i++)
        {
            var other = shapes[i];
            string? problem = null;
            if (layer.Kind != LayerKind.Concatenate)
            {
                if (other != shapes[0])
                {
                    problem = $"{layer.AttributeName} needs identical shapes";
                }
            }
            else if (other.Rank != output.Rank || other.Height != output.Height || other.Width != output.Width)
            {
                problem = output.IsImage && other.IsImage
                    ? "Concatenate joins channels, so height and width must be equal"
                    : "Concatenate joins the last axis, so both must be feature maps or both vectors";
            }
            else
            {
                channels += other.Channels;
            }

            if (problem is not null)
            {
                inference.Report(DiagnosticDescriptors.MergeShapeMismatch, locations[i], layer.AttributeName, name, other.ToString(), sources[i], shapes[0].ToString(), sources[0], problem);
                return null;
            }
        }
        if (channels > int.MaxValue)
        {
            inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, "output channels", "layer " + name, LayerInference.Format(channels));
            return null;
        }
        return inference.BaseModel with
        {
            InputShape = shapes[0],
            OutputShape = output with { Channels = (int)channels },
            Inputs = inputs.ToEquatableArray(),
            InputShapes = shapes.ToEquatableArray(),
        };
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var writer = scope.Writer;
        var merge = RuntimeApi.Merge;
        var count = layer.Inputs.Count;
        switch (layer.Kind)
        {
            case LayerKind.Concatenate:
                var pixels = Code.Rows(layer.OutputShape);
                var offset = 0;
                for (var i = 0; i < count; i++)
                {
                    var channels = layer.InputShapes[i].Channels;
                    writer.WriteLine($"{merge}.CopyChannels({pixels}, {scope.Input(layer, i)}, {Code.Literal(channels)}, {output}, {Code.Literal(layer.OutputShape.Channels)}, {Code.Literal(offset)});");
                    offset += channels;
                }
                return;
            case LayerKind.Subtract:
                writer.WriteLine($"{merge}.Subtract({scope.Input(layer, 0)}, {scope.Input(layer, 1)}, {output});");
                return;
            default:
                // Keras folds left to right: ((x0 op x1) op x2) ...; Average sums, then divides by the count.
                var method = layer.Kind == LayerKind.Average ? "Add" : layer.Kind.ToString();
                writer.WriteLine($"{merge}.{method}({scope.Input(layer, 0)}, {scope.Input(layer, 1)}, {output});");
                for (var i = 2; i < count; i++)
                {
                    writer.WriteLine($"{merge}.{method}({output}, {scope.Input(layer, i)}, {output});");
                }
                if (layer.Kind == LayerKind.Average)
                {
                    writer.WriteLine($"{merge}.Divide({output}, {Code.Literal(count)}, {output});");
                }
                return;
        }
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var writer = scope.Writer;
        var merge = RuntimeApi.Merge;
        var dY = scope.OutputGradient;
        var count = layer.Inputs.Count;
        switch (layer.Kind)
        {
            case LayerKind.Add:
                // Every input's gradient is the output's: copied, or added to what another reader wrote.
                for (var i = 0; i < count; i++)
                {
                    var slot = scope.InputGradient(i, scratch: false);
                    writer.WriteLine(slot.AddInto is { } into ? $"{merge}.Add({into}, {dY}, {into});" : $"{dY}.CopyTo({slot.Target});");
                }
                return;
            case LayerKind.Subtract:
                var first = scope.InputGradient(0, scratch: false);
                writer.WriteLine(first.AddInto is { } firstInto ? $"{merge}.Add({firstInto}, {dY}, {firstInto});" : $"{dY}.CopyTo({first.Target});");
                var second = scope.InputGradient(1, scratch: false);
                writer.WriteLine(second.AddInto is { } secondInto ? $"{merge}.Subtract({secondInto}, {dY}, {secondInto});" : $"{merge}.Negate({dY}, {second.Target});");
                return;
            case LayerKind.Concatenate:
                var pixels = Code.Rows(layer.OutputShape);
                var offset = 0;
                for (var i = 0; i < count; i++)
                {
                    var channels = layer.InputShapes[i].Channels;
                    var slot = scope.InputGradient(i);
                    writer.WriteLine($"{merge}.SliceChannels({pixels}, {dY}, {Code.Literal(layer.OutputShape.Channels)}, {Code.Literal(offset)}, {slot.Target}, {Code.Literal(channels)});");
                    scope.Finish(slot);
                    offset += channels;
                }
                return;
            case LayerKind.Average:
                for (var i = 0; i < count; i++)
                {
                    var slot = scope.InputGradient(i);
                    writer.WriteLine($"{merge}.Divide({dY}, {Code.Literal(count)}, {slot.Target});");
                    scope.Finish(slot);
                }
                return;
            case LayerKind.Multiply:
                // d(x0 x1 ... )/dxi: the output gradient times every other input.
                for (var i = 0; i < count; i++)
                {
                    var slot = scope.InputGradient(i);
                    var others = Enumerable.Range(0, count).Where(j => j != i).ToList();
                    writer.WriteLine($"{merge}.Multiply({dY}, {scope.Input(layer, others[0])}, {slot.Target});");
                    foreach (var j in others.Skip(1))
                    {
                        writer.WriteLine($"{merge}.Multiply({slot.Target}, {scope.Input(layer, j)}, {slot.Target});");
                    }
                    scope.Finish(slot);
                }
                return;
            default:
                // Maximum/Minimum: the gradient goes to the inputs equal to the output, shared equally among tied ones.
                var ties = scope.Backward(scope.Plan.DeltaOffset, (int)layer.OutputShape.Size);
                var output = scope.Output(layer);
                writer.WriteLine($"{merge}.CountEqual({scope.Input(layer, 0)}, {output}, {ties}, accumulate: false);");
                for (var i = 1; i < count; i++)
                {
                    writer.WriteLine($"{merge}.CountEqual({scope.Input(layer, i)}, {output}, {ties}, accumulate: true);");
                }
                for (var i = 0; i < count; i++)
                {
                    var slot = scope.InputGradient(i);
                    writer.WriteLine($"{merge}.RouteToEqual({scope.Input(layer, i)}, {output}, {ties}, {dY}, {slot.Target});");
                    scope.Finish(slot);
                }
                return;
        }
    }
}
