namespace PainBot.Generation;

/// <summary>Why a generated answer was replaced by the extractive one.</summary>
public enum FallbackReason
{
    /// <summary>The model did not answer within the timeout.</summary>
    Timeout,

    /// <summary>The model's service failed (HTTP error after retries, connection refused).</summary>
    ServiceError,

    /// <summary>The circuit breaker is open after repeated failures; the model was not called.</summary>
    CircuitOpen,

    /// <summary>The response could not be read as a chat completion.</summary>
    Malformed,

    /// <summary>The model gave nothing usable (empty, or said the passages do not answer).</summary>
    Empty,

    /// <summary>A sentence cites no passage.</summary>
    MissingCitation,

    /// <summary>A citation number names no passage that was given.</summary>
    UnknownCitation,

    /// <summary>A sentence is not supported by the passage it cites.</summary>
    Unsupported,

    /// <summary>The answer repeats or follows an instruction aimed at the model.</summary>
    Injection,
}
