// Every test owns its server, folders and token variable (a unique name), so they may run side by side.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
