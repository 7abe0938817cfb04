using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AapPacker.Engine.Api;

/// <summary>
/// Writes the engine's JSON-ready values (request bodies, variables: dictionaries, lists, strings, numbers, booleans,
/// null, JSON elements) as JsonSerializer would, but without its reflection: the serializer's first use in a process
/// costs tens of milliseconds of warm-up, which a build in a fresh pwsh paid on its critical path.
/// </summary>
internal static class JsonValueWriter
{
    public static byte[] ToUtf8(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value);
        }

        return stream.ToArray();
    }

    public static string ToText(object? value) => Encoding.UTF8.GetString(ToUtf8(value));

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or short or sbyte or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case byte or ushort or uint or ulong:
                writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Not a JSON-ready value (a caller's own type): the serializer, as before.
                JsonSerializer.Serialize(writer, value, value.GetType(), AapJson.Options);
                break;
        }
    }
}
