using System.Text.Json.Serialization;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// The guardian protocol's serializer, generated at build time: the build writes its hello just before its first
/// create, where the reflection serializer's first-use warm-up would be on the critical path.
/// </summary>
[JsonSerializable(typeof(GuardianMessage))]
internal sealed partial class GuardianJson : JsonSerializerContext
{
}
