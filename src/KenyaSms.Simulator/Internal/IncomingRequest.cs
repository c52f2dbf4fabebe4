namespace KenyaSms.Simulator.Internal;

/// <summary>A provider request whose body has been read in full.</summary>
internal sealed record IncomingRequest(
    string Endpoint,
    string Method,
    IQueryCollection Query,
    IHeaderDictionary Headers,
    byte[] Body,
    RequestTicket Ticket);
