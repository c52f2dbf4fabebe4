// KenyaSms console sample, a tour of the API. Runs without credentials: with none configured it starts
// the KenyaSms simulator on loopback. Set KenyaSms__Synqtel__ApiKey (and friends) to use the real gateways.
using KenyaSms;
using KenyaSms.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// 1. Phone numbers: every form people type, one normalised number.
Console.WriteLine("1. Phone numbers");
foreach (string typed in new[] { "0722 123 456", "+254722123456", "722-123-456", "00254 110 123 456", "+2540733123456", "020 1234567", "+255712345678" })
{
    Console.WriteLine(PhoneNumber.TryParse(typed, out PhoneNumber number)
        ? $"   {typed,-20} -> {number.E164} ({number.Network})"
        : $"   {typed,-20} -> not a Kenyan mobile number");
}

// 2. Segments: what a text costs before you send it.
Console.WriteLine("2. Segments");
foreach (string text in new[] { "Your OTP is 123456", "Pay KES 1,000 via M-Pesa: till 123456 {ref}", "Habari 😀", new string('a', 161) })
{
    SmsSegmentInfo info = SmsSegmentation.Analyze(text);
    Console.WriteLine($"   {Shorten(text),-45} {info.Encoding}, {info.Units} units, {info.Segments} segment(s), {info.RemainingUnits} left");
}

// 3. Register: AddKenyaSms binds the "KenyaSms" section (appsettings.json, environment variables KenyaSms__...).
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
await using SmsSimulator? simulator = string.IsNullOrEmpty(builder.Configuration["KenyaSms:Synqtel:ApiKey"]) ? await SmsSimulator.StartAsync() : null;
if (simulator is not null)
{
    Console.WriteLine($"3. No credentials configured: using the KenyaSms simulator at {simulator.BaseAddress}");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["KenyaSms:Synqtel:ApiKey"] = simulator.SynqtelApiKey,
        ["KenyaSms:Synqtel:SenderName"] = "MYCO",
        ["KenyaSms:Synqtel:BaseAddress"] = simulator.SynqtelBaseAddress.ToString(),
        ["KenyaSms:Qserve:Username"] = simulator.QserveUsername,
        ["KenyaSms:Qserve:ApiKey"] = simulator.QserveApiKey,
        ["KenyaSms:Qserve:BaseAddress"] = simulator.QserveBaseAddress.ToString(),
    });
}
else
{
    Console.WriteLine("3. Using the gateways configured in KenyaSms:*");
}

builder.Services.AddKenyaSms(builder.Configuration.GetSection("KenyaSms"));
using IHost host = builder.Build();
await host.StartAsync(); // validates the settings (ValidateOnStart)
ISmsGateway sms = host.Services.GetRequiredService<ISmsGateway>();

// 4. Send: one recipient, then one text to many (duplicates in any format are sent once).
Console.WriteLine($"4. Send through {sms.Name}");
SmsSendResult one = await sms.SendAsync("0722 123 456", "Your OTP is 123456");
Print(one);
SmsSendResult bulk = await sms.SendAsync(["0722123456", "+254 733 123 456", "0722-123-456", "not a number"], "Reminder: your SACCO meeting is on Friday at 10:00.");
Print(bulk);

// 5. Personalised batch: a different text for each recipient.
Console.WriteLine("5. Personalised batch");
SmsSendResult batch = await sms.SendBatchAsync(
[
    new SmsMessage("0722123456", "Habari Wanjiku, your balance is KES 1,250."),
    new SmsMessage("0110123456", "Habari Otieno, your balance is KES 980.") { ClientReference = "member-42" },
]);
Print(batch);

// 6. Balance of each provider.
Console.WriteLine("6. Balance");
ISmsGatewayFactory factory = host.Services.GetRequiredService<ISmsGatewayFactory>();
foreach (string name in factory.Names)
{
    SmsBalance balance = await factory.Get(name).GetBalanceAsync();
    Console.WriteLine($"   {balance.Provider}: {balance.Credits} credits");
}

// 7. Errors, the way a background job should handle them.
Console.WriteLine("7. Errors");
try
{
    await sms.SendAsync("0722123456", "");
}
catch (ArgumentException ex)
{
    Console.WriteLine($"   bad input is refused before any request: {ex.ParamName}: {ex.Message.Split('(')[0].Trim()}");
}

try
{
    await factory.Get("qserve").SendAsync(new SmsMessage("0722123456", "Hello") { SenderId = "THIS-IS-TOO-LONG" });
}
catch (ArgumentException ex)
{
    Console.WriteLine($"   {ex.Message.Split('(')[0].Trim()}");
}

Console.WriteLine("   In a job: catch SmsGatewayException and retry only when MayHaveBeenSent is false;");
Console.WriteLine("   otherwise the provider may already have delivered it, and a retry would send it twice.");
await host.StopAsync();
Console.WriteLine("Done.");
return 0;

static void Print(SmsSendResult result)
{
    Console.WriteLine($"   {result.Provider}: {result.AcceptedCount} accepted, {result.RejectedCount} rejected, balance {result.CreditBalance?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}");
    foreach (SmsRecipientResult r in result.Recipients)
    {
        Console.WriteLine($"     {r.PhoneNumber,-16} {(r.IsAccepted ? "accepted" : "rejected"),-9} id={r.MessageId ?? "-"} {r.Status.Error}");
    }
}

static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
