using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[Add]</c> and <c>[Concatenate]</c>: the previous output merged with the named earlier layers (or <c>"input"</c>);
/// one way of resolving and checking the names, then element-wise sum or channel concatenation.
/// </summary>
internal sealed class MergeRule : LayerRule
{
    public MergeRule()
        : base(LayerKind.Add, LayerKind.Concatenate)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind == LayerKind.Add ? "add" : "concatenate";

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

        var previousName = index == 0 ? LayerNames.Input : names[index - 1];
        var inputs = new List<int> { index - 1 };
        var shapes = new List<TensorShape> { inference.Input };
        var sources = new List<string> { previousName };
        var locations = new List<LocationInfo?> { layer.Location };
        var ok = true;
        for (var k = 0; k < layer.MergeWith.Count; k++)
        {
            var reference = layer.MergeWith[k];
            var location = layer.LocationOf(DeclarationReader.ElementKey("Layers", k));
            int target;
            if (reference == LayerNames.Input)
            {
                target = -1;
            }
            else
            {
                target = Array.IndexOf(names, reference);
                if (target < 0)
                {
                    var known = index == 0 ? "none (use \"input\")" : string.Join(", ", names.Take(index).Select(n => "'" + n + "'")) + " or \"input\"";
                    inference.Report(DiagnosticDescriptors.UnknownMergeInput, location, layer.AttributeName, name, reference, known);
                    ok = false;
                    continue;
                }
                if (target >= index)
                {
                    var which = target == index ? "the layer itself" : $"layer #{LayerInference.Format(target + 1)}, after it";
                    inference.Report(DiagnosticDescriptors.LaterMergeInput, location, layer.AttributeName, name, reference, which);
                    ok = false;
                    continue;
                }
            }
            if (inputs.Contains(target))
            {
                var why = target == index - 1 ? " (the previous layer is always merged)" : "";
                inference.Report(DiagnosticDescriptors.DuplicateMergeInput, location, layer.AttributeName, name, reference, why);
                ok = false;
                continue;
            }
            inputs.Add(target);
            shapes.Add(target < 0 ? inference.Declaration.Input : inference.Earlier[target].OutputShape);
            sources.Add(reference);
            locations.Add(location);
        }
        if (!ok)
        {
            return null;
        }

        var output = shapes[0];
        long channels = output.Channels;
        for (var i = 1; i < shapes.Count; i++)
        {
            var other = shapes[i];
            string? problem = null;
            if (layer.Kind == LayerKind.Add)
            {
                if (other != shapes[0])
                {
                    problem = "Add needs identical shapes";
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
            OutputShape = output with { Channels = (int)channels },
            Inputs = inputs.ToEquatableArray(),
            InputShapes = shapes.ToEquatableArray(),
        };
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var writer = scope.Writer;
        if (layer.Kind == LayerKind.Add)
        {
            writer.WriteLine($"{RuntimeApi.Merge}.Add({scope.Input(layer, 0)}, {scope.Input(layer, 1)}, {output});");
            for (var i = 2; i < layer.Inputs.Count; i++)
            {
                writer.WriteLine($"{RuntimeApi.Merge}.Add({output}, {scope.Input(layer, i)}, {output});");
            }
            return;
        }
        var pixels = Code.Rows(layer.OutputShape);
        var offset = 0;
        for (var i = 0; i < layer.Inputs.Count; i++)
        {
            var channels = layer.InputShapes[i].Channels;
            writer.WriteLine($"{RuntimeApi.Merge}.CopyChannels({pixels}, {scope.Input(layer, i)}, {Code.Literal(channels)}, {output}, {Code.Literal(layer.OutputShape.Channels)}, {Code.Literal(offset)});");
            offset += channels;
        }
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var writer = scope.Writer;
        var dY = scope.OutputGradient;
        if (layer.Kind == LayerKind.Add)
        {
            // Every input's gradient is the output's: copied, or added to what another reader wrote.
            for (var i = 0; i < layer.Inputs.Count; i++)
            {
                var slot = scope.InputGradient(i, scratch: false);
                writer.WriteLine(slot.AddInto is { } into
                    ? $"{RuntimeApi.Merge}.Add({into}, {dY}, {into});"
                    : $"{dY}.CopyTo({slot.Target});");
            }
            return;
        }
        var pixels = Code.Rows(layer.OutputShape);
        var offset = 0;
        for (var i = 0; i < layer.Inputs.Count; i++)
        {
            var channels = layer.InputShapes[i].Channels;
            var slot = scope.InputGradient(i);
            writer.WriteLine($"{RuntimeApi.Merge}.SliceChannels({pixels}, {dY}, {Code.Literal(layer.OutputShape.Channels)}, {Code.Literal(offset)}, {slot.Target}, {Code.Literal(channels)});");
            scope.Finish(slot);
            offset += channels;
        }
    }
}
