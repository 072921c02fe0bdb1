# Installs parley::tracing with a CMake package (find_package(parley)) and a
# pkg-config file (pkg-config --cflags --libs parley).
include(CMakePackageConfigHelpers)

install(TARGETS parley_tracing EXPORT parleyTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/parley DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT parleyTargets NAMESPACE parley:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parley)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/parley-config.cmake.in
  ${PROJECT_BINARY_DIR}/parley-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parley)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/parley-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/parley-config.cmake ${PROJECT_BINARY_DIR}/parley-config-version.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/parley)

# Relocatable: the prefix is found from the .pc file's own location.
file(RELATIVE_PATH PARLEY_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
set(PARLEY_PC_PREFIX "\${pcfiledir}/${PARLEY_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/parley.pc.in ${PROJECT_BINARY_DIR}/parley.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/parley.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
