using System.Diagnostics;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// Runs one of the command-line tools the operations tests use (kubectl, promtool), which scripts/tools.sh installs
/// for ./test.sh; a missing tool fails the test with that advice instead of skipping it.
/// </summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static async Task<Result> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Broker.TestSupport.RepositoryFiles.Root(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed: run `scripts/tools.sh ensure` (./test.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new Result(process.ExitCode, await output, await error);
        }
    }
}
