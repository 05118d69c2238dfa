namespace PainBot.Core.Safety.Rules;

/// <summary>How one word of a pattern matches.</summary>
internal enum PatternTokenKind
{
    /// <summary>The word itself.</summary>
    Exact,

    /// <summary>Any word starting with the text (<c>numb*</c>).</summary>
    Prefix,

    /// <summary><c>...</c>: zero to <see cref="PatternTerm.MaxGap"/> words of anything in the same sentence.</summary>
    Gap,
}
