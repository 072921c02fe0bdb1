# Test-only exporter driver for the interop suite (run.sh).
add_executable(parley-export-cli ${CMAKE_CURRENT_LIST_DIR}/export_cli.cpp)
target_link_libraries(parley-export-cli PRIVATE parley::tracing)
if(PARLEY_HAVE_OTLP_GRPC)
  target_link_libraries(parley-export-cli PRIVATE parley::tracing_otlp_grpc)
  target_compile_definitions(parley-export-cli PRIVATE PARLEY_HAVE_OTLP_GRPC)
endif()
