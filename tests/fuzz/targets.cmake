# One line per fuzz target: parley_fuzz_target(<name> <source>).
