namespace PainBot.Knowledge.Tests.Support;

/// <summary>A fact that needs a file of the shared development sets; skipped, saying so, where shared/ is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedEvalFactAttribute : FactAttribute
{
    public SharedEvalFactAttribute(string file)
    {
        File = file;
        if (Services.SharedEval(file) is null)
        {
            Skip = $"../shared/eval/{file} is not beside the repository";
        }
    }

    public string File { get; }
}
