namespace PainBot.Knowledge;

/// <summary>
/// Turns the evidence behind the best hit into a probability-like confidence: a logistic function of the best
/// dense cosine and the share of the question's words that the best passage contains. The coefficients were
/// fitted on the development sets (answerable questions against out-of-scope ones) with the eval command.
/// </summary>
public sealed record ConfidenceModel(double Intercept, double CosineWeight, double CoverageWeight)
{
    /// <summary>
    /// The fitted defaults (eval --fit-confidence, 113 samples: answerable development questions against
    /// off-topic ones, classes weighted equally). Coverage came out near zero and slightly negative, so it is
    /// left at zero: the dense cosine carries the signal.
    /// </summary>
    public static ConfidenceModel Default { get; } = new(-3.2, 9.9, 0.0);

    /// <summary>Confidence in 0..1.</summary>
    public double Score(double cosine, double coverage) =>
        1.0 / (1.0 + Math.Exp(-(Intercept + (CosineWeight * cosine) + (CoverageWeight * coverage))));
}
