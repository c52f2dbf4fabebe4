using System.Globalization;
using System.Net.Sockets;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KenyaSms.IntegrationTests.Reliability;

// Issue 5 item 6 (reliability.md R12 against the simulator): 1,000 sends from 50 concurrent tasks through one SDK
// host (both providers and the failover chain) with about 5 % of requests faulted by the simulator's seeded dice.
// Every send ends in exactly one outcome, the ledger agrees with every outcome (I1-I4, I5 over the logs), and the
// connections stay pooled: no socket exhaustion.
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Tasks = 50;
    private const int SendsPerTask = 20;
    private const int Seed = 20_250_906;
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(10);

    // Per request, tried in order, each with its own seeded dice: about 5 % in all.
    private static readonly (SimulatorFault Fault, double Percent)[] FaultMix =
    [
        (SimulatorFault.AbortAfterReadingRequest(), 1.0),
        (SimulatorFault.TooManyRequests(retryAfterSeconds: 0), 1.0),
        (SimulatorFault.Status(503, "Service Unavailable", "text/plain"), 1.0),
        (SimulatorFault.Status(500, "Internal Server Error", "text/plain"), 0.5),
        (SimulatorFault.BadGateway(), 0.5),
        (SimulatorFault.MalformedJson(), 0.5),
        (SimulatorFault.Delay(AttemptBehaviors.PastTimeout), 0.5),
    ];

    private static readonly SocketError[] Exhaustion =
        [SocketError.AddressAlreadyInUse, SocketError.AddressNotAvailable, SocketError.NoBufferSpaceAvailable, SocketError.TooManyOpenSockets];

    [Fact]
    public async Task Send_ThousandConcurrentSendsWithFivePercentFaults_OneOutcomeEachLedgerAgreesConnectionsPooled()
    {
        await using ReliabilityHost host = await ReliabilityHost.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TotalTimeout;
            o.CircuitBreakerFailureRatio = 0.5; // 5 % faults must not open it: this is about load, the breaker has its own tests
            o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(4);
        });
        TimeSpan guard = (2 * TotalTimeout) + TimeSpan.FromSeconds(20); // a hang guard only

        // Warm up (JIT, connection pools) one send at a time, before the faults, so that the load's attempt timeouts
        // come from the faults rather than from a cold start; these sends are audited with the rest.
        var warmUp = new List<SendOutcome>();
        foreach (Route route in Enum.GetValues<Route>())
        {
            LogicalSend send = Plan(new Random(Seed), -1 - (int)route, 0) with { Route = route };
            warmUp.Add(await send.RunRecordedAsync(host.Gateway(route), guard));
        }

        for (int i = 0; i < FaultMix.Length; i++)
        {
            host.Sim.Faults.InjectPercentage(SimulatorProvider.Synqtel, SimulatorFaults.AnyEndpoint, FaultMix[i].Fault, FaultMix[i].Percent, Seed + i);
            host.Sim.Faults.InjectPercentage(SimulatorProvider.Qserve, SimulatorFaults.AnyEndpoint, FaultMix[i].Fault, FaultMix[i].Percent, Seed + 100 + i);
        }

        SendOutcome[][] perTask = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var random = new Random(Seed + t);
            var outcomes = new SendOutcome[SendsPerTask];
            for (int i = 0; i < SendsPerTask; i++)
            {
                LogicalSend send = Plan(random, t, i);
                outcomes[i] = await send.RunRecordedAsync(host.Gateway(send.Route), guard);
            }

            return outcomes;
        })));
        await host.DisposeAsync(); // the simulator stops: the ledger is final

        SendOutcome[] all = [.. perTask.SelectMany(o => o)];
        var audit = new InvariantAudit();
        audit.Audit([.. warmUp, .. all], host.Sim.Ledger.Messages, send => send.ToString());
        audit.AuditLeaks(host.Logs.AllText() + string.Concat(all.Select(o => o.Failure?.ToString() + o.Unexpected)), host.Secrets, all.Select(o => o.Send));

        IReadOnlyList<SimulatorRequest> requests = host.Sim.Ledger.Requests;
        int connections = host.SynqtelTransport.Connections + host.QserveTransport.Connections;
        int failedAttempts = host.SynqtelTransport.FailedAttempts + host.QserveTransport.FailedAttempts;
        int connectionBudget = (2 * new SmsResilienceOptions().MaxConcurrentRequests) + failedAttempts; // the default limit, per provider
        output.WriteLine($"{all.Length} sends from {Tasks} tasks after {warmUp.Count} warm-up sends (seed {Seed}); {requests.Count} requests reached the simulator, "
            + $"{requests.Count(r => r.Fault is not null)} of them faulted ({Percent(requests.Count(r => r.Fault is not null), requests.Count)});");
        foreach (IGrouping<string, SimulatorRequest> kind in requests.Where(r => r.Fault is not null).GroupBy(r => r.Fault!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  fault {kind.Key}: {kind.Count()}");
        }

        output.WriteLine($"  TCP connections opened: {connections} (budget {connectionBudget}: 2 x MaxConcurrentRequests + {failedAttempts} attempts that lost theirs)");
        output.WriteLine($"  slowest send: {all.Max(o => o.Elapsed).TotalMilliseconds:F0} ms");
        output.WriteLine(audit.Figures());

        Assert.True(audit.Violations.Count == 0, audit.Report($"seed {Seed}, dotnet test tests/KenyaSms.IntegrationTests --filter \"FullyQualifiedName~{nameof(LoadTests)}\""));
        Assert.Equal(Tasks * SendsPerTask, all.Select(o => o.Send.Id).Distinct().Count());
        Assert.All(all, o => Assert.False(o.Hung || o.Unexpected is not null, o.ToString()));
        Assert.InRange(requests.Count(r => r.Fault is not null), 1, requests.Count / 10); // faults were played, at about the rate asked
        Assert.InRange(connections, 1, connectionBudget);
        Assert.DoesNotContain(all, o => Chain(o.Failure).OfType<SocketException>().Any(s => Exhaustion.Contains(s.SocketErrorCode)));
    }

    private static LogicalSend Plan(Random random, int task, int index)
    {
        Route route = (Route)random.Next(3);
        string text = $"load {task}-{index}";
        return random.Next(10) switch
        {
            < 7 => new LogicalSend($"load {task}-{index}", route, SendKind.SingleRecipient, [new([Number(random)], text, null)]),
            < 9 => new LogicalSend($"load {task}-{index}", route, SendKind.Bulk, [new([Number(random), Number(random)], text, null)]),
            _ => new LogicalSend($"load {task}-{index}", route, SendKind.Personalised,
                [new([Number(random)], text + " m0", null), new([Number(random)], text + " m1", null)]),
        };
    }

    private static string Number(Random random) => "07" + random.Next(10, 30).ToString(CultureInfo.InvariantCulture) + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) => (100.0 * part / Math.Max(whole, 1)).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
