using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace PainBot.Core.Content;

/// <summary>
/// A value written either as one scalar or as a list of scalars (<c>unless: diet</c> or <c>unless: [diet, surgery]</c>),
/// each item keeping its line.
/// </summary>
public sealed class YamlTextList : YamlRecord, IYamlConvertible
{
    private readonly List<YamlText> _items = [];

    /// <summary>The items in order; one for a single scalar.</summary>
    public IReadOnlyList<YamlText> Items => _items;

    void IYamlConvertible.Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
    {
        Line = (int)parser.Current!.Start.Line;
        if (!parser.TryConsume<SequenceStart>(out _))
        {
            _items.Add(new YamlText().ReadFrom(parser));
            return;
        }

        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            _items.Add(new YamlText().ReadFrom(parser));
        }
    }

    void IYamlConvertible.Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) => nestedObjectSerializer(_items.Select(i => i.Value).ToList());
}
