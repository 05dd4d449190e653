using Generated.Model;

namespace Generated.Generator;

/// <summary>Everything the member writers share for one model: its parameter layout and its two memory plans.</summary>
internal sealed class EmitContext
{
    public EmitContext(NetworkModel model)
    {
        Model = model;
        Parameters = new ParameterLayout(model);
        Inference = new InferencePlan(model);
        Training = new TrainingPlan(model);
    }

    public NetworkModel Model { get; }

    public ParameterLayout Parameters { get; }

    public InferencePlan Inference { get; }

    public TrainingPlan Training { get; }

    public string TypeName => Model.Declaration.TypeName;

    /// <summary>Whether some layer draws from the seeded training stream (<see cref="LayerRule.DrawsRandomly"/>).</summary>
    public bool DrawsRandomly
    {
        get
        {
            foreach (var layer in Model.Layers)
            {
                if (LayerRules.For(layer).DrawsRandomly)
                {
                    return true;
                }
            }
            return false;
        }
    }

    public bool Has(LayerKind kind)
    {
        foreach (var layer in Model.Layers)
        {
            if (layer.Kind == kind)
            {
                return true;
            }
        }
        return false;
    }
}
