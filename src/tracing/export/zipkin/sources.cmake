# Sources of src/tracing/export/zipkin (listed explicitly).
target_sources(parley_tracing PRIVATE
)
