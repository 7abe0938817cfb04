using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// The ledger file's serializer, generated at build time: the ledger is written before each create, where the
/// reflection serializer's first-use warm-up would be on the build's critical path.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<BuildLedgerEntry>))]
internal sealed partial class LedgerJson : JsonSerializerContext
{
}
