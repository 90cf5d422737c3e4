using System.Text.Json;

namespace RiskEngine.Decisions;

/// <summary>Writes a <see cref="ReasonSet"/> as a JSON array of reason codes, without building a list.</summary>
public sealed class ReasonSetJsonConverter : JsonConverter<ReasonSet>
{
    public override ReasonSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("reasons must be an array of reason codes");
        var set = ReasonSet.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !ReasonCodes.TryParse(reader.GetString()!, out var reason))
                throw new JsonException("unknown reason code");
            set = set.With(reason);
        }
        return set;
    }

    public override void Write(Utf8JsonWriter writer, ReasonSet value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var reason in value) writer.WriteStringValue(JsonEnumNames<Reason>.Encoded[(int)reason]);
        writer.WriteEndArray();
    }
}
