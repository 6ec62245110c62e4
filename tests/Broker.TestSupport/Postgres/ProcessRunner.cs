using System.Diagnostics;

namespace Broker.TestSupport.Postgres;

/// <summary>Runs a program with an explicit argument list (never through a shell) and captures its output.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its standard output; throws with the captured
    /// standard error when it exits with a non-zero code.
    /// </summary>
    /// <param name="userName">OS user to run as (requires root), or null for the current user.</param>
    public static async Task<string> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? userName,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A directory every user can enter: the postgres user cannot read e.g. /root.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (userName is not null)
        {
            startInfo.UserName = userName;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
        {
            var who = userName is null ? string.Empty : $" (as {userName})";
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', startInfo.ArgumentList)}`{who} exited with code {process.ExitCode}:\n{error}{output}");
        }

        return output;
    }
}
