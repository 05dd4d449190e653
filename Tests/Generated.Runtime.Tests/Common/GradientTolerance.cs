namespace Generated.Runtime.Tests.Common;

/// <summary>
/// How close an analytic gradient must be to central finite differences: every element must satisfy
/// <c>|analytic - numerical| / max(|numerical|, Floor) &lt;= Relative</c>.
/// </summary>
/// <remarks>
/// The floor is the gradient scale below which the error is judged absolutely (<c>Relative * Floor</c>):
/// an element whose true gradient is zero or tiny (a pixel no window reads, a max-pool loser, a sum that
/// cancels) still carries the absolute rounding noise of the finite difference, so dividing by its own
/// magnitude would report noise as a large relative error. Each check sets the floor to a fraction of its
/// gradients' typical size, so above it the bound is a true relative one.
/// </remarks>
/// <param name="Relative">The largest allowed relative error.</param>
/// <param name="Floor">The magnitude below which the numerical gradient is replaced by this floor in the denominator.</param>
public readonly record struct GradientTolerance(double Relative, double Floor)
{
    /// <summary>The rule as the report prints it, e.g. <c>2e-05 (floor 1)</c>.</summary>
    public override string ToString() => $"{Relative:0.#e+00} (floor {Floor:G3})";
}
