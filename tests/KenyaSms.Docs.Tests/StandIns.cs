using System.Linq.Expressions;

// Stand-ins for the packages the README's snippets use but this repository does not (EF Core, StackExchange.Redis):
// the same names and shapes, so the snippets compile as written.
#pragma warning disable CA1716, CA1720, CA2225, IDE0060
namespace Microsoft.EntityFrameworkCore
{
    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<T?> SingleOrDefaultAsync<T>(this IQueryable<T> source, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken = default) =>
            Task.FromResult(source.SingleOrDefault(predicate));
    }
}

namespace StackExchange.Redis
{
    public interface IConnectionMultiplexer
    {
        IDatabase GetDatabase();
    }

    public interface IDatabase
    {
        Task<RedisValue> StringGetAsync(RedisKey key);

        Task<RedisResult> ScriptEvaluateAsync(string script, RedisKey[]? keys = null, RedisValue[]? values = null);
    }

    public readonly struct RedisKey(string? value)
    {
        public static implicit operator RedisKey(string? value) => new(value);

        public override string? ToString() => value;
    }

    public readonly struct RedisValue(string? value)
    {
        public static implicit operator RedisValue(string? value) => new(value);

        public static implicit operator string?(RedisValue value) => value.ToString();

        public override string? ToString() => value;
    }

    public sealed class RedisResult(int value)
    {
        public static explicit operator int(RedisResult result) => result.Value;

        public int Value { get; } = value;
    }
}
#pragma warning restore CA1716, CA1720, CA2225, IDE0060
