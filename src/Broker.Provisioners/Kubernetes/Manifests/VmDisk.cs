namespace Broker.Provisioners.Kubernetes.Manifests;

/// <param name="Name">Matches the <see cref="VmVolume"/> that backs it.</param>
public sealed record VmDisk(string Name, DiskTarget Disk);
