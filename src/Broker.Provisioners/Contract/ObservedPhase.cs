namespace Broker.Provisioners.Contract;

public enum ObservedPhase
{
    /// <summary>The backend has nothing for this resource id.</summary>
    Absent = 0,

    /// <summary>Created and converging (scheduling, booting, initialising, resizing, stopping).</summary>
    Pending = 1,

    Ready = 2,

    /// <summary>VM halted as desired.</summary>
    Stopped = 3,

    /// <summary>The backend gave up; <see cref="ObservedResource.Message"/> says why.</summary>
    Failed = 4,

    /// <summary>Deletion requested and still in progress.</summary>
    Deleting = 5,
}
