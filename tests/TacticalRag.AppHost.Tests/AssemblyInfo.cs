// Aspire.Hosting.Testing finds the AppHost's builder through a process-wide diagnostic listener, and the
// whole-graph tests start real processes on a 2-core machine: these tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
