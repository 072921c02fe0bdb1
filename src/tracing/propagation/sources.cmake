# Sources of src/tracing/propagation (listed explicitly).
target_sources(parley_tracing PRIVATE
)
