using KenyaSms.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Ledger.Tests.Suppression;

/// <summary>
/// Every rule of <see cref="ISmsSuppressionList"/> (and of the internal <see cref="ISuppressionListAdmin"/> the CLI
/// uses), run against each store (in-memory, SQLite, PostgreSQL) by a subclass that supplies instances over fresh,
/// empty storage. The in-memory list is the reference; only what a restart keeps differs, by design.
/// </summary>
public abstract class SuppressionListConformanceTests : IAsyncLifetime
{
    private static readonly PhoneNumber A = PhoneNumber.Parse("0722000001");
    private static readonly PhoneNumber B = PhoneNumber.Parse("0733000002");
    private static readonly PhoneNumber C = PhoneNumber.Parse("0110000003");

    private readonly List<ServiceProvider> _instances = [];
    private ISmsSuppressionList? _list;

    protected ISmsSuppressionList List => _list ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>True when a new instance over the same storage (a restarted process) sees what an earlier one wrote.</summary>
    protected abstract bool Durable { get; }

    /// <summary>A new instance (its own container, as another process has) over this test's storage.</summary>
    protected abstract ServiceProvider CreateInstance();

    public Task InitializeAsync()
    {
        _list = NewList();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (ServiceProvider instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Find_NothingSuppressed_ReturnsNone()
    {
        Assert.Empty(await List.FindSuppressedAsync([A, B, C]));
        Assert.Empty(await List.FindSuppressedAsync([]));
    }

    [Fact]
    public async Task Suppress_ThenFind_ReturnsOnlyTheSuppressedNumbers()
    {
        await List.SuppressAsync(B, "replied STOP 2026-03-02");

        IReadOnlyCollection<PhoneNumber> found = await List.FindSuppressedAsync([A, B, C, PhoneNumber.Parse("+254733000002")]);

        Assert.Equal([B], found.Distinct());
    }

    [Fact]
    public async Task Suppress_Again_ReplacesTheReasonAndKeepsOneEntry()
    {
        await List.SuppressAsync(A, "replied STOP");
        await List.SuppressAsync(A, "asked the call centre");

        SuppressionEntry? entry = await Admin.GetAsync(A);

        Assert.Equal("asked the call centre", entry?.Reason);
        Assert.Equal([A], await List.FindSuppressedAsync([A]));
    }

    [Fact]
    public async Task Get_KeepsTheReasonAndWhenItWasGiven()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await List.SuppressAsync(C, "ü → \"quoted\"; DROP TABLE x; --");

        SuppressionEntry entry = Assert.IsType<SuppressionEntry>(await Admin.GetAsync(C));

        Assert.Equal((C, "ü → \"quoted\"; DROP TABLE x; --"), (entry.Number, entry.Reason));
        Assert.InRange(entry.SuppressedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.Zero, entry.SuppressedAt.Offset);
        Assert.Null(await Admin.GetAsync(A));
    }

    [Fact]
    public async Task Unsuppress_RemovesTheNumber_AndAnUnknownNumberIsANoOp()
    {
        await List.SuppressAsync(A, "replied STOP");
        await List.SuppressAsync(B, "replied STOP");

        await List.UnsuppressAsync(A);
        await List.UnsuppressAsync(A);
        await List.UnsuppressAsync(C);

        Assert.Equal([B], await List.FindSuppressedAsync([A, B, C]));
        Assert.Null(await Admin.GetAsync(A));
    }

    [Fact]
    public async Task Find_AThousandNumbersInOneCall_ReturnsExactlyTheSuppressedOnes()
    {
        PhoneNumber[] numbers = [.. Enumerable.Range(0, 1000).Select(i => PhoneNumber.Parse($"+254722{i:D6}"))];
        PhoneNumber[] suppressed = [.. numbers.Where((_, i) => i % 7 == 3)];
        Assert.Equal(suppressed.Length, await Admin.SuppressAllAsync([.. suppressed.Select(n => (n, "import 2026-03"))]));

        IReadOnlyCollection<PhoneNumber> found = await List.FindSuppressedAsync(numbers);

        Assert.Equal(suppressed.Order(Comparer<PhoneNumber>.Create((x, y) => string.CompareOrdinal(x.E164, y.E164))),
            found.Order(Comparer<PhoneNumber>.Create((x, y) => string.CompareOrdinal(x.E164, y.E164))));
    }

    [Fact]
    public async Task Restart_ANewInstanceOverTheSameStorage_SeesWhatWasWritten_UnlessInMemory()
    {
        await List.SuppressAsync(A, "replied STOP");
        await List.SuppressAsync(B, "replied STOP");
        await List.UnsuppressAsync(B);

        ISmsSuppressionList restarted = NewList();

        Assert.Equal(Durable ? [A] : [], await restarted.FindSuppressedAsync([A, B, C]));
    }

    [Fact]
    public async Task Concurrent_SuppressFromTwoInstances_EveryNumberKeptOnceWithOneOfTheReasons()
    {
        ISmsSuppressionList other = Durable ? NewList() : List;
        PhoneNumber[] numbers = [.. Enumerable.Range(0, 40).Select(i => PhoneNumber.Parse($"+254711{i:D6}"))];

        // Both instances write every number at once (each its own reason): upserts that race, never a duplicate key error.
        await Task.WhenAll(numbers.SelectMany(n => new[]
        {
            Task.Run(() => List.SuppressAsync(n, "first instance")),
            Task.Run(() => other.SuppressAsync(n, "second instance")),
        }));

        Assert.Equal(numbers.Length, (await List.FindSuppressedAsync(numbers)).Count);
        Assert.Equal(numbers.Length, (await other.FindSuppressedAsync(numbers)).Count);
        foreach (PhoneNumber number in numbers)
        {
            Assert.Contains((await Admin.GetAsync(number))!.Reason, new[] { "first instance", "second instance" });
        }
    }

    [Fact]
    public async Task BadInput_ThrowsArgumentExceptionNamingTheParameter_AndWritesNothing()
    {
        Assert.Equal("number", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.SuppressAsync(default, "replied STOP"))).ParamName);
        Assert.Equal("reason", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.SuppressAsync(A, ""))).ParamName);
        Assert.Equal("reason", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.SuppressAsync(A, "   "))).ParamName);
        Assert.Equal("reason", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.SuppressAsync(A, null!))).ParamName);
        Assert.Equal("reason", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.SuppressAsync(A, new string('x', 201)))).ParamName);
        Assert.Equal("number", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.UnsuppressAsync(default))).ParamName);
        Assert.Equal("numbers", (await Assert.ThrowsAnyAsync<ArgumentException>(() => List.FindSuppressedAsync(null!))).ParamName);

        Assert.Empty(await List.FindSuppressedAsync([A]));
        await List.SuppressAsync(A, new string('x', 200));
        Assert.Equal(200, (await Admin.GetAsync(A))!.Reason.Length);
    }

    [Fact]
    public async Task Find_DefaultNumberAmongOthers_IsNeverSuppressed()
    {
        await List.SuppressAsync(A, "replied STOP");

        Assert.Equal([A], await List.FindSuppressedAsync([default, A]));
    }

    [Fact]
    public async Task SuppressAll_WritesEveryNumber_ANumberGivenTwiceKeepsItsLastReason()
    {
        await List.SuppressAsync(C, "old reason");

        int written = await Admin.SuppressAllAsync([(A, "row 1"), (B, "row 2"), (A, "row 3"), (C, "row 4")]);

        Assert.Equal(3, written);
        Assert.Equal(["row 3", "row 2", "row 4"], new[] { (await Admin.GetAsync(A))!.Reason, (await Admin.GetAsync(B))!.Reason, (await Admin.GetAsync(C))!.Reason });
    }

    [Fact]
    public async Task SuppressAll_OneInvalidEntry_WritesNothing()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Admin.SuppressAllAsync([(A, "ok"), (B, new string('x', 201)), (C, "ok")]));

        Assert.Equal("entries", error.ParamName);
        Assert.Contains("Entry 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await List.FindSuppressedAsync([A, B, C]));
    }

    private ISuppressionListAdmin Admin => Assert.IsAssignableFrom<ISuppressionListAdmin>(List);

    private ISmsSuppressionList NewList()
    {
        ServiceProvider instance = CreateInstance();
        _instances.Add(instance);
        return instance.GetRequiredService<ISmsSuppressionList>();
    }
}

/// <summary>The reference list (AddInMemorySuppressionList): one process, forgotten on restart.</summary>
public sealed class InMemorySuppressionListConformanceTests : SuppressionListConformanceTests
{
    protected override bool Durable => false;

    protected override ServiceProvider CreateInstance() => SuppressionStores.InMemory();
}

/// <summary>The SQLite list (AddSqliteSuppressionList, a new temporary file per test).</summary>
public sealed class SqliteSuppressionListConformanceTests : SuppressionListConformanceTests
{
    private readonly string _path = LedgerStores.NewSqlitePath();

    protected override bool Durable => true;

    protected override ServiceProvider CreateInstance() => SuppressionStores.Sqlite(_path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        LedgerStores.DeleteSqlite(_path);
    }
}

/// <summary>The PostgreSQL list (AddPostgreSqlSuppressionList, a new schema per test on KENYASMS_POSTGRES).</summary>
public sealed class PostgreSqlSuppressionListConformanceTests : SuppressionListConformanceTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override bool Durable => true;

    protected override ServiceProvider CreateInstance() => SuppressionStores.PostgreSql(_schema);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_schema);
    }
}
