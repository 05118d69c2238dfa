using Microsoft.SemanticKernel;

namespace PainBot.Generation.Prompts;

/// <summary>The prompt files of <c>prompts/</c> as kernel functions, loaded once when a model is configured.</summary>
public sealed class PromptLibrary
{
    /// <summary>File name of the grounded-answer prompt.</summary>
    public const string GroundedAnswerFile = "grounded_answer.yaml";

    /// <summary>File name of the follow-up condensation prompt.</summary>
    public const string CondenseFollowUpFile = "condense_followup.yaml";

    private PromptLibrary(KernelFunction groundedAnswer, KernelFunction condenseFollowUp)
    {
        GroundedAnswer = groundedAnswer;
        CondenseFollowUp = condenseFollowUp;
    }

    /// <summary>Question, audience, numbered passages and recent turns in; a cited answer out.</summary>
    public KernelFunction GroundedAnswer { get; }

    /// <summary>A follow-up message and the conversation in; a standalone question out.</summary>
    public KernelFunction CondenseFollowUp { get; }

    /// <summary>Loads the prompts from a folder; a missing or broken file fails with its path.</summary>
    public static PromptLibrary Load(string folder) => new(
        KernelFunctionFactory.CreateFromPrompt(PromptFile.Load(Path.Combine(folder, GroundedAnswerFile))),
        KernelFunctionFactory.CreateFromPrompt(PromptFile.Load(Path.Combine(folder, CondenseFollowUpFile))));
}
