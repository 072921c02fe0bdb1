# Sources of src/tracing/export/jaeger (listed explicitly).
target_sources(parley_tracing PRIVATE
)
