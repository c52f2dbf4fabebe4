namespace KenyaSms.Simulator.Internal;

/// <summary>Where a request sits in the ledger; the generation tells whether the ledger was reset since.</summary>
internal readonly record struct RequestTicket(int Index, int Generation);
