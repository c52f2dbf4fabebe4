using Hangfire.Storage;

namespace KenyaSms.Campaigns;

/// <summary>
/// A campaign's record in the Hangfire storage (any storage: a hash and a set): its definition, the Hangfire job of each
/// window (<c>job:{window}</c>) and what each finished window reported (<c>done:{window}</c>). The ledger, not this
/// record, knows which messages went out; this one knows which windows exist and which jobs should run them.
/// </summary>
internal static class CampaignStore
{
    /// <summary>The set of campaigns the sweeper watches (removed once finished).</summary>
    public const string ActiveSet = "kenyasms:campaigns";

    public static string Key(string campaignId) => "kenyasms:campaign:" + campaignId;

    public static string JobField(int window) => "job:" + window.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string DoneField(int window) => "done:" + window.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string>? Read(IStorageConnection connection, string campaignId) =>
        connection.GetAllEntriesFromHash(Key(campaignId));

    public static void Write(IStorageConnection connection, string campaignId, IEnumerable<KeyValuePair<string, string>> fields, bool active = false)
    {
        using IWriteOnlyTransaction transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(Key(campaignId), fields);
        if (active)
        {
            transaction.AddToSet(ActiveSet, campaignId);
        }

        transaction.Commit();
    }

    public static void Finish(IStorageConnection connection, string campaignId)
    {
        using IWriteOnlyTransaction transaction = connection.CreateWriteTransaction();
        transaction.RemoveFromSet(ActiveSet, campaignId);
        transaction.Commit();
    }

    public static IDisposable Lock(IStorageConnection connection, string campaignId) =>
        connection.AcquireDistributedLock("kenyasms:campaign-lock:" + campaignId, TimeSpan.FromSeconds(60));
}
