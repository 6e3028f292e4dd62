// Every test starts its own server on its own ephemeral port, so tests can run side by side.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
