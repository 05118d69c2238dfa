using System.Text;
using PainBot.Core.Safety.Rules;
using PainBot.Core.Scope;
using PainBot.Core.Text;

namespace PainBot.Core.Tests.Text;

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("ÉÀÇÑÜ", "eacnu")]
    [InlineData("øØłŁđ", "oolld")]
    [InlineData("œÆßþĳ", "oeaessthij")]
    [InlineData("Straße", "strasse")]
    [InlineData("ΑΒΓ", "αβγ")]
    public void Append_AccentedLetters_FoldToBaseLetters(string input, string expected)
    {
        var sb = new StringBuilder();
        foreach (var c in input)
        {
            TextFold.Append(sb, c);
        }

        Assert.Equal(expected, sb.ToString());
    }

    [Theory]
    [InlineData("Søren, Łódź: cœur", "soren lodz coeur")]
    [InlineData("ÉPAULE Straße", "epaule strasse")]
    public void SafetyAndScope_FoldTheSameWay(string input, string expected)
    {
        Assert.Equal(expected, ScopeText.Normalize(input));
        Assert.Equal(expected, string.Join(' ', TextNormalizer.Normalize(input).Select(t => t.Text)));
    }
}
