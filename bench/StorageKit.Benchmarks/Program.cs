using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(StorageKit.Benchmarks.RadosSmallObjectBenchmarks).Assembly).Run(args);
