namespace AapPacker.Models;

/// <summary>What the cleanup did with one object (the list of <see cref="AapCleanupResult"/> it is in says the same).</summary>
public enum AapCleanupOutcome
{
    /// <summary>Deleted, and confirmed gone.</summary>
    Removed,

    /// <summary>Already deleted by someone else (AAP answered 404).</summary>
    AlreadyGone,

    /// <summary>Handed to the cleanup guardian, which deletes it once AAP lets it.</summary>
    HandedOff,

    /// <summary>Left on request (-KeepInventory, -KeepCredential): not a failure.</summary>
    Kept,

    /// <summary>Could not be removed; <see cref="AapCleanupItem.Reason"/> says why.</summary>
    Left,
}
