using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace PainBot.Core.Content;

/// <summary>
/// A scalar read by <see cref="YamlContent"/> together with its own line, for values whose errors should point
/// at the value rather than at the record holding it (a rule's level, a bad pattern).
/// </summary>
public sealed class YamlText : YamlRecord, IYamlConvertible
{
    /// <summary>The text as written (block scalars keep their final line break).</summary>
    public string Value { get; private set; } = string.Empty;

    void IYamlConvertible.Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer) => ReadFrom(parser);

    /// <summary>Reads the scalar at the parser's position into this instance.</summary>
    internal YamlText ReadFrom(IParser parser)
    {
        var scalar = parser.Current as Scalar ?? throw new YamlException(parser.Current!.Start, parser.Current.End, "expected plain text here, not a list or a mapping (is a list nested too deep?)");
        parser.MoveNext();
        (Value, Line) = (scalar.Value, (int)scalar.Start.Line);
        return this;
    }

    void IYamlConvertible.Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) => emitter.Emit(new Scalar(Value));
}
