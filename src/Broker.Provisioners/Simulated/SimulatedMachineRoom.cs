using System.Globalization;
using Broker.Provisioners.Contract;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Simulated;

/// <summary>
/// The <c>simulated</c> provisioner: an in-memory machine room of configured hosts with real placement decisions,
/// a provisioning delay on an injected clock and seeded failure injection. Nothing real is created. Thread-safe: one
/// lock guards the books, since a placement for one id changes what fits for every other.
/// </summary>
/// <remarks>
/// Bookkeeping: an apply that changes a resource books its new size at once (the scheduler decides up front, so two
/// applies can never both count on the same free space); a deletion keeps its booking until the delay has passed and
/// the resource is gone, so nothing is promised that is still occupied.
/// </remarks>
public sealed class SimulatedMachineRoom : IProvisioner
{
    public const string ProvisionerName = "simulated";

    private readonly Lock gate = new();
    private readonly MachineRoomBooks books;
    private readonly SimulatedInventory inventory;
    private readonly Random dice;
    private readonly TimeProvider time;
    private readonly SimulatedMachineRoomOptions options;
    private readonly string failureMessage;
    private readonly SimulatedOutages outages;

    /// <exception cref="OptionsValidationException">The options are invalid (checked here too, for rooms built without the DI extension).</exception>
    public SimulatedMachineRoom(IOptions<SimulatedMachineRoomOptions> options, TimeProvider timeProvider)
    {
        this.options = options.Value;
        SimulatedMachineRoomOptionsValidator.ThrowIfInvalid(this.options);
        time = timeProvider;
        books = new MachineRoomBooks(this.options.HostGroups);
        inventory = new SimulatedInventory(books);
        dice = new Random(this.options.Seed);
        outages = new SimulatedOutages(this.options.Outages, this.options.RandomOutages, this.options.Seed);
        failureMessage = string.Create(CultureInfo.InvariantCulture, $"Simulated failure injected (FailureRate {this.options.FailureRate}, "
            + $"Seed {this.options.Seed}); apply a changed state, or delete and apply again, to retry.");
    }

    public string Name => ProvisionerName;

    public bool IsSimulated => true;

    /// <inheritdoc />
    /// <exception cref="ProvisionerException">Permanent: invalid spec, the id belongs to another kind, or no host fits.
    /// Transient: the id is still being deleted. Either way nothing changed.</exception>
    public Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DesiredResourceRules.Check(desired);
        lock (gate)
        {
            var now = Settle();
            var existing = inventory.Find(desired.ResourceId);
            if (existing?.DeletingSince is not null)
            {
                throw new ProvisionerException($"Simulated machine room: '{desired.ResourceId}' is still being deleted; retry once it is gone.", permanent: false);
            }

            if (existing is not null && existing.Desired.Kind != desired.Kind)
            {
                throw new ProvisionerException($"Simulated machine room: '{desired.ResourceId}' is a {existing.Desired.Kind}, not a {desired.Kind}.", permanent: true);
            }

            if (existing is not null && existing.Desired == desired)
            {
                return Task.FromResult(Observe(existing, now));
            }

            // Drawn for every change, also at rate 0, so that the sequence of draws depends only on the calls made.
            var willFail = dice.NextDouble() < options.FailureRate;
            return Task.FromResult(Observe(inventory.Converge(existing, desired, now, willFail), now));
        }
    }

    /// <inheritdoc />
    public Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(ObserveCurrent(resourceId, Settle()));
        }
    }

    /// <inheritdoc />
    public Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var now = Settle();
            if (inventory.Find(resourceId) is { DeletingSince: null } resource)
            {
                inventory.StartDeletion(resource, now, now + options.ProvisioningDelay);
                // With no delay the resource is gone right away.
                inventory.Settle(now);
            }

            return Task.FromResult(ObserveCurrent(resourceId, now));
        }
    }

    /// <summary>Physical, allocatable (after overcommit), allocated and free capacity, per host and in total.</summary>
    public MachineRoomCapacity GetCapacity()
    {
        lock (gate)
        {
            return books.Snapshot(Settle());
        }
    }

    /// <summary>
    /// Takes a host (<c>general-03</c>) or a host group (<c>general</c>) down from <paramref name="start"/> for
    /// <paramref name="duration"/> on the room's clock: the operator's (or a test's) way to make an outage happen.
    /// </summary>
    /// <exception cref="ArgumentException">No such host or group, or a duration that is not positive.</exception>
    public void InjectOutage(string target, DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("An outage lasts a positive time.", nameof(duration));
        }

        lock (gate)
        {
            if (!books.Hosts.Any(h => h.Name == target || h.Group == target))
            {
                throw new ArgumentException($"The simulated room has no host or host group '{target}'.", nameof(target));
            }

            outages.Add(target, start, duration);
        }
    }

    private DateTimeOffset Settle()
    {
        var now = time.GetUtcNow();
        inventory.Settle(now);
        return now;
    }

    private ObservedResource ObserveCurrent(string resourceId, DateTimeOffset now) =>
        inventory.Find(resourceId) is { } resource ? Observe(resource, now) : ObservedResource.Absent(resourceId);

    /// <summary>A resource on a host that is down is observed failed (not deleting: a deletion needs no host).</summary>
    private ObservedResource Observe(SimulatedResource resource, DateTimeOffset now)
    {
        var observed = resource.Observe(now, options.ProvisioningDelay, failureMessage);
        return observed.Phase is ObservedPhase.Deleting || outages.Down(resource.Placement, books.GroupOf, now) is not { } down
            ? observed
            : observed with { Phase = ObservedPhase.Failed, Message = $"Simulated: host {down.Host} is down until {down.Until:O}." };
    }
}
