// Claims pairs "<prefix>k<i / 4>" x "+25472200000<i % 4>" (i < pairs) from its own process, for the ledger tests'
// cross-process claims. Usage:
//   dotnet KenyaSms.Ledger.ClaimWorker.dll <sqlite|postgres> <connection string> <schema> <token> <prefix> <pairs> <batch size> <seed>
// Builds its ledger, prints "ready", waits for a line on stdin (the start barrier), claims the pairs in batches in an
// order shuffled by <seed>, prints "won <i>" for each pair it holds afterwards, then "done".
using KenyaSms;
using KenyaSms.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

string kind = args[0], connectionString = args[1], schema = args[2], token = args[3], prefix = args[4];
int pairs = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
int batchSize = int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture);
int seed = int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture);

var services = new ServiceCollection();
IKenyaSmsBuilder builder = services.AddKenyaSms();
if (kind == "sqlite")
{
    builder.AddSqliteSendLedger(connectionString);
}
else
{
    builder.AddPostgreSqlSendLedger(connectionString);
    services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = schema);
}

await using ServiceProvider provider = services.BuildServiceProvider();
ISmsSendLedger ledger = provider.GetRequiredService<ISmsSendLedger>();
Console.WriteLine("ready");
_ = Console.ReadLine();

DateTimeOffset now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
int[][] batches = [.. Enumerable.Range(0, pairs).Chunk(batchSize)];
new Random(seed).Shuffle(batches);
foreach (int[] batch in batches)
{
    SmsLedgerEntry[] claims = [.. batch.Select(i => new SmsLedgerEntry($"{prefix}k{i / 4}", $"+25472200000{i % 4}", SmsLedgerState.Sending, "hash", token) { LeaseExpires = now.AddMinutes(5) })];
    IReadOnlyList<SmsLedgerEntry> result = await ledger.ClaimAsync(claims, now);
    for (int j = 0; j < batch.Length; j++)
    {
        if (result[j].State == SmsLedgerState.Sending && result[j].Token == token)
        {
            Console.WriteLine($"won {batch[j]}");
        }
    }
}

Console.WriteLine("done");
