// Benchmarks arrive by name (bench/run.sh NAME); until one is registered there is nothing to run.
Console.Error.WriteLine("usage: bench/run.sh NAME [--quick]");
return 2;
