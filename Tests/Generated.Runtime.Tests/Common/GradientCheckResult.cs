namespace Generated.Runtime.Tests.Common;

/// <summary>One passed gradient check: which gradient, on which case, its worst relative error and the tolerance it met.</summary>
/// <param name="Check">The gradient checked, e.g. <c>Conv2D ∂kernel</c>; the report groups rows by it.</param>
/// <param name="Case">The shape and options of this case, for failure messages.</param>
/// <param name="WorstRelativeError"><c>max_i |analytic_i - numerical_i| / max(|numerical_i|, floor)</c> (see <see cref="GradientTolerance"/>).</param>
/// <param name="Tolerance">The tolerance the worst error was held to.</param>
/// <param name="Elements">How many gradient elements were compared.</param>
public sealed record GradientCheckResult(string Check, string Case, double WorstRelativeError, GradientTolerance Tolerance, int Elements);
