namespace KenyaSms.Hangfire.Tests;

/// <summary>Hangfire keeps static state (GlobalConfiguration, JobStorage.Current, global filters): its tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireTestGroup
{
    public const string Name = "Hangfire";
}
