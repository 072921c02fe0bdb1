# Unit tests of src/tracing/export; filled by that module.
