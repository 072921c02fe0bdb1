# Unit tests of src/tracing/propagation; filled by that module.
