namespace KenyaSms.Simulator;

/// <summary>What became of a request the simulator read in full.</summary>
public enum SimulatorRequestOutcome
{
    /// <summary>Still being handled (a delay or stall is running).</summary>
    Pending,

    /// <summary>An HTTP answer was sent; see <see cref="SimulatorRequest.StatusCode"/>.</summary>
    Answered,

    /// <summary>No answer: the connection was reset on purpose, the client gave up, or the simulator stopped.</summary>
    Aborted,
}
