// Aspire.Hosting.Testing finds the AppHost's builder through a process-wide diagnostic listener, and the graph and
// Chromium are real processes on a 2-core machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
