# Sources of src/tracing/transport (listed explicitly).
target_sources(parley_tracing PRIVATE
)
