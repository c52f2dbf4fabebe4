namespace KenyaSms.Simulator;

/// <summary>The gateways the simulator stands in for.</summary>
public enum SimulatorProvider
{
    /// <summary>254sms (api.qserve.co.ke), served under <c>/version1/</c>.</summary>
    Qserve,

    /// <summary>Synqtel (api.synqtel.com), served under <c>/sms/</c>.</summary>
    Synqtel,

    /// <summary>Africa's Talking (api.africastalking.com), served under <c>/africastalking/version1/</c>. Its balance is money (KES), not credits.</summary>
    AfricasTalking,
}
